package io.gatehouse.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs a test once with a single event loop and once with several, whose pools and balancer cursors are separate
 * while limits, breakers and budgets are shared: the test method takes the number of loops.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0} event loop(s)")
@ValueSource(ints = {1, 4})
public @interface EventLoopCounts {
}
