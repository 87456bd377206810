package io.gatehouse.upstream.pool;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs a pooling test once with a single event loop and once with several, whose pools and cursors are separate. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0} event loop(s)")
@ValueSource(ints = {1, 4})
@interface EventLoopCounts {
}
