package io.gatehouse.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.OutlierConfig;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import io.gatehouse.upstream.TryOutcome;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutlierDetectorTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final TryOutcome ERROR = TryOutcome.response(503, 1);
    private static final TryOutcome OK = TryOutcome.response(200, 1);

    private record Scheduled(Runnable task, long delayNanos) {
    }

    /** Starts just below the overflow of nanoTime, so every deadline here lies past it. */
    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 5 * SECOND);
    private final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
    private final AtomicInteger changes = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private OutlierDetector detector(int consecutiveErrors, double maxEjectedFraction) {
        OutlierConfig config = new OutlierConfig(consecutiveErrors, Duration.ofSeconds(10), Duration.ofSeconds(25),
                maxEjectedFraction);
        return new OutlierDetector(config, now::get, (task, delay) -> scheduled.add(new Scheduled(task, delay)),
                changes::incrementAndGet);
    }

    @Test
    void ejectsOnlyAfterTheGivenErrorsInARow() {
        OutlierDetector detector = detector(3, 1.0);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1", "b:1");
        Endpoint a = all.get(0);

        assertThat(detector.record(a, TryOutcome.failure(TryOutcome.Kind.CONNECT_FAILURE, 1), all)).isFalse();
        assertThat(detector.record(a, TryOutcome.failure(TryOutcome.Kind.TIMEOUT, 1), all)).isFalse();
        // A client error is the endpoint answering: it breaks the run.
        assertThat(detector.record(a, TryOutcome.response(404, 1), all)).isFalse();
        assertThat(detector.record(a, TryOutcome.failure(TryOutcome.Kind.RESET, 1), all)).isFalse();
        assertThat(detector.record(a, ERROR, all)).isFalse();
        assertThat(a.health().ejectedAt(now.get())).isFalse();

        assertThat(detector.record(a, ERROR, all)).isTrue();

        assertThat(a.health().ejectedAt(now.get())).isTrue();
        assertThat(a.health().status(now.get())).isEqualTo(EndpointHealth.Status.EJECTED);
        assertThat(a.health().ejections()).isEqualTo(1);
        assertThat(all.get(1).health().available(now.get())).isTrue();
    }

    @Test
    void eachEjectionLastsTheBaseTimesItsNumberUpToTheMaximum() {
        OutlierDetector detector = detector(1, 1.0);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1");
        Endpoint a = all.get(0);
        List<Long> durations = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            long start = now.get();
            assertThat(detector.record(a, ERROR, all)).isTrue();
            durations.add(a.health().ejectedUntilNanos() - start);
            now.set(a.health().ejectedUntilNanos());
        }

        assertThat(durations).containsExactly(10 * SECOND, 20 * SECOND, 25 * SECOND, 25 * SECOND);
        assertThat(scheduled).extracting(Scheduled::delayNanos).containsExactlyElementsOf(durations);
        assertThat(a.health().ejections()).isEqualTo(4);
    }

    @Test
    void anEjectedEndpointReturnsExactlyAtItsDeadline() {
        OutlierDetector detector = detector(1, 1.0);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1");
        EndpointHealth health = all.get(0).health();

        detector.record(all.get(0), ERROR, all);
        long deadline = now.get() + 10 * SECOND;

        assertThat(health.ejectedUntilNanos()).isEqualTo(deadline);
        assertThat(health.available(deadline - 1)).isFalse();
        assertThat(health.available(deadline)).isTrue();
        assertThat(health.status(deadline)).isEqualTo(EndpointHealth.Status.HEALTHY);
    }

    @Test
    void theUpstreamHearsOfTheEjectionAtOnceAndOfTheReturnAtTheDeadline() {
        OutlierDetector detector = detector(1, 1.0);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1");

        detector.record(all.get(0), ERROR, all);

        assertThat(changes).hasValue(1);
        assertThat(scheduled).singleElement().extracting(Scheduled::delayNanos).isEqualTo(10 * SECOND);
        now.addAndGet(10 * SECOND);
        scheduled.get(0).task().run();
        assertThat(changes).hasValue(2);
    }

    @Test
    void errorsWhileEjectedNeitherExtendTheEjectionNorCountTowardsTheNext() {
        OutlierDetector detector = detector(3, 1.0);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1");
        Endpoint a = all.get(0);
        errors(detector, a, all, 3);
        long until = a.health().ejectedUntilNanos();

        now.addAndGet(SECOND);
        assertThat(errors(detector, a, all, 10)).isZero();

        assertThat(a.health().ejectedUntilNanos()).isEqualTo(until);
        assertThat(a.health().ejections()).isEqualTo(1);
        assertThat(scheduled).hasSize(1);
        now.set(until);
        assertThat(errors(detector, a, all, 2)).isZero();
        assertThat(errors(detector, a, all, 1)).isEqualTo(1);
    }

    @Test
    void ejectsNoMoreThanTheMaximumFractionOfEndpoints() {
        OutlierDetector detector = detector(2, 0.5);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1", "b:1", "c:1", "d:1");
        Endpoint c = all.get(2);
        assertThat(errors(detector, all.get(0), all, 2)).isEqualTo(1);
        now.addAndGet(SECOND);
        assertThat(errors(detector, all.get(1), all, 2)).isEqualTo(1);

        assertThat(errors(detector, c, all, 2)).isZero();
        assertThat(c.health().available(now.get())).isTrue();

        // a returns; b is still out for another second, so c may take a's place.
        now.set(all.get(0).health().ejectedUntilNanos());
        assertThat(errors(detector, c, all, 2)).isEqualTo(1);
        assertThat(all).filteredOn(e -> e.health().ejectedAt(now.get())).extracting(Endpoint::authority)
                .containsExactly("b:1", "c:1");
    }

    @Test
    void oneEndpointMayAlwaysBeEjected() {
        OutlierDetector detector = detector(1, 0.1);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1", "b:1", "c:1", "d:1");

        assertThat(detector.record(all.get(0), ERROR, all)).isTrue();
        assertThat(detector.record(all.get(1), ERROR, all)).isFalse();
        assertThat(all.get(1).health().available(now.get())).isTrue();
    }

    @Test
    void successesThatFollowAnEjectionDoNotEndIt() {
        OutlierDetector detector = detector(1, 1.0);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1");

        detector.record(all.get(0), ERROR, all);
        detector.record(all.get(0), OK, all);

        assertThat(all.get(0).health().ejectedAt(now.get())).isTrue();
    }

    @ParameterizedTest(name = "ejecting after {0} error(s) in a row")
    @ValueSource(ints = {1, 3})
    void loopsReportingErrorsTogetherEjectTheEndpointOnce(int consecutiveErrors) throws Exception {
        OutlierDetector detector = detector(consecutiveErrors, 1.0);
        // Spare endpoints keep the fraction out of the way: only the race for this one ejection is tested.
        List<Endpoint> all = EndpointFixtures.endpoints("a:1", "b:1", "c:1", "d:1", "e:1", "f:1", "g:1", "h:1");

        assertThat(concurrentErrors(detector, all, i -> all.get(0))).isEqualTo(1);

        assertThat(all.get(0).health().ejections()).isEqualTo(1);
        assertThat(scheduled).hasSize(1);
        assertThat(changes).hasValue(1);
    }

    @Test
    void loopsEjectingDifferentEndpointsTogetherStayWithinTheFraction() throws Exception {
        OutlierDetector detector = detector(3, 0.25);
        List<Endpoint> all = EndpointFixtures.endpoints("a:1", "b:1", "c:1", "d:1", "e:1", "f:1", "g:1", "h:1");

        int ejections = concurrentErrors(detector, all, all::get);

        long ejected = all.stream().filter(e -> e.health().ejectedAt(now.get())).count();
        assertThat(ejected).isEqualTo(ejections).isBetween(1L, 2L);
    }

    @Test
    void anotherLoopEjectingTheEndpointMidDecisionWinsAlone() {
        OutlierDetector detector = detector(1, 1.0);
        List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1");
        Endpoint a = endpoints.get(0);
        AtomicInteger otherLoop = new AtomicInteger();
        List<Endpoint> all = interleaved(endpoints, 1,
                () -> otherLoop.addAndGet(errors(detector, a, endpoints, 1)));

        assertThat(detector.record(a, ERROR, all)).isFalse();

        assertThat(otherLoop).hasValue(1);
        assertThat(a.health().ejections()).isEqualTo(1);
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void anEjectionBeingDecidedCountsAgainstTheFractionForAnotherLoop() {
        OutlierDetector detector = detector(1, 0.25);
        List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1", "c:1", "d:1");
        Endpoint b = endpoints.get(1);
        AtomicInteger otherLoop = new AtomicInteger();
        // The other loop ejects b once this one has looked at b and found it in.
        List<Endpoint> all = interleaved(endpoints, 3,
                () -> otherLoop.addAndGet(errors(detector, b, endpoints, 1)));

        int ejected = errors(detector, endpoints.get(0), all, 1) + otherLoop.get();

        assertThat(ejected).isEqualTo(1);
        assertThat(endpoints).filteredOn(e -> e.health().ejectedAt(now.get())).hasSize(1);
    }

    /** {@code endpoints}, running {@code otherLoop} once when the detector first reads index {@code at}. */
    private static List<Endpoint> interleaved(List<Endpoint> endpoints, int at, Runnable otherLoop) {
        return new AbstractList<>() {
            private boolean ran;

            @Override
            public Endpoint get(int index) {
                if (index == at && !ran) {
                    ran = true;
                    otherLoop.run();
                }
                return endpoints.get(index);
            }

            @Override
            public int size() {
                return endpoints.size();
            }
        };
    }

    /** Eight threads released together, thread i reporting errors for endpoint(i); returns how many ejected. */
    private int concurrentErrors(OutlierDetector detector, List<Endpoint> all,
                                 IntFunction<Endpoint> endpoint) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Endpoint target = endpoint.apply(i);
            results.add(threads.submit(() -> {
                go.await();
                return errors(detector, target, all, 2_000);
            }));
        }
        go.countDown();
        int ejections = 0;
        for (Future<Integer> result : results) {
            ejections += result.get(30, TimeUnit.SECONDS);
        }
        return ejections;
    }

    /** Reports {@code count} errors; returns how many of them ejected the endpoint. */
    private static int errors(OutlierDetector detector, Endpoint endpoint, List<Endpoint> all, int count) {
        int ejections = 0;
        for (int i = 0; i < count; i++) {
            if (detector.record(endpoint, ERROR, all)) {
                ejections++;
            }
        }
        return ejections;
    }
}
