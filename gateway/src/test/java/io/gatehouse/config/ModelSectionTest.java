package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSectionTest {

    private static final String UPSTREAMS = """
            upstreams:
              onnx: { endpoints: [{ address: "127.0.0.1:8501" }] }
              other: { endpoints: [{ address: "127.0.0.1:8502" }] }
            """;

    @Test
    void readsAFullModel() {
        GatewayConfig config = load(UPSTREAMS + """
                models:
                  - name: linear
                    protocol: open-inference-v2
                    backend-name: linear-onnx
                    upstream: onnx
                    versions: [ { version: "1" }, { version: "2", upstream: other } ]
                    labels: { stable: "1", canary: "2" }
                    default: stable
                    traffic: { stable: 90, canary: 10, sticky: consumer }
                    shadow: { version: "2", percent: 5 }
                    queue: { max-in-flight: 4, max-queued: 8, timeout: 2s }
                    managed: false
                """);

        ModelConfig model = config.models().get(0);
        assertThat(model).isEqualTo(new ModelConfig("linear", ModelProtocol.OPEN_INFERENCE_V2, "linear-onnx", "onnx",
                List.of(new ModelVersionConfig("1", "onnx"), new ModelVersionConfig("2", "other")),
                Map.of("stable", "1", "canary", "2"), "stable",
                new TrafficConfig(Map.of("stable", 90, "canary", 10), true, null), new ShadowConfig("2", 5),
                new ModelQueueConfig(4, 8, Duration.ofSeconds(2)), false, null, List.of()));
    }

    @Test
    void fillsInDefaults() {
        GatewayConfig config = load(UPSTREAMS + """
                models:
                  - { name: a, protocol: open-inference-v2, upstream: onnx, versions: [{ version: "1" }] }
                  - { name: b, protocol: torchserve, upstream: onnx }
                  - { name: c, protocol: tfserving, upstream: onnx, traffic: { "1": 1, sticky: "header:X-User" },
                      versions: [{ version: "1" }] }
                """);

        ModelConfig a = config.models().get(0);
        assertThat(a.backendName()).isEqualTo("a");
        assertThat(a.defaultTarget()).isEqualTo(ModelConfig.LATEST);
        assertThat(a.traffic()).isNull();
        assertThat(a.shadow()).isNull();
        assertThat(a.queue()).isEqualTo(ModelQueueConfig.DEFAULT);
        assertThat(a.managed()).isTrue();
        assertThat(config.models().get(1).managed()).isTrue();
        assertThat(config.models().get(1).versions()).isEmpty();
        ModelConfig c = config.models().get(2);
        assertThat(c.managed()).isFalse();
        assertThat(c.traffic()).isEqualTo(new TrafficConfig(Map.of("1", 1), false, "x-user"));
        assertThat(config.modelApis()).isEmpty();
        assertThat(config.modelRegistry()).isEqualTo(ModelRegistryConfig.DEFAULT);
    }

    @Test
    void reportsBadNamesProtocolsAndUpstreams() {
        assertThat(errorsOf(UPSTREAMS + """
                models:
                  - { protocol: open-inference-v2, upstream: onnx }
                  - { name: "a/b", protocol: grpc, upstream: nowhere, backend-name: "x y" }
                  - { name: c, upstream: onnx, colour: red }
                  - { name: c, protocol: tfserving, versions: [{ version: "1" }, { version: "2", upstream: gone }] }
                """)).containsExactly(
                "models[0].name: required",
                "models[1].name: expected letters, digits, '.', '-' and '_', not starting with a symbol, got \"a/b\"",
                "models[1].protocol: unknown protocol \"grpc\" (known: open-inference-v2, openai, tfserving, "
                        + "torchserve)",
                "models[1].backend-name: expected letters, digits, '.', '-' and '_', not starting with a symbol, "
                        + "got \"x y\"",
                "models[1].upstream: unknown upstream \"nowhere\" (known: onnx, other)",
                "models[2].colour: unknown key (allowed: name, protocol, backend-name, upstream, versions, labels, "
                        + "default, traffic, shadow, queue, managed, rollback, aliases)",
                "models[2].protocol: required",
                "models[3].name: duplicate model \"c\" (also at models[2].name)",
                "models[3].versions[0].upstream: required when the model names no upstream",
                "models[3].versions[1].upstream: unknown upstream \"gone\" (known: onnx, other)");
    }

    @Test
    void readsAliasesOfOpenAiModelsOnly() throws Exception {
        GatewayConfig config = load(UPSTREAMS + """
                models:
                  - { name: chat, protocol: openai, upstream: onnx, aliases: [gpt-small, gpt-tiny] }
                """);
        assertThat(config.models().get(0).aliases()).containsExactly("gpt-small", "gpt-tiny");
        assertThat(errorsOf(UPSTREAMS + """
                models:
                  - { name: chat, protocol: openai, upstream: onnx, aliases: [gpt-small, "a b"] }
                  - { name: gpt-small, protocol: openai, upstream: onnx, aliases: [chat] }
                  - { name: lin, protocol: tfserving, upstream: onnx, aliases: [linear] }
                """)).containsExactly(
                "models[0].aliases[1]: expected letters, digits, '.', '-' and '_', not starting with a symbol, "
                        + "got \"a b\"",
                "models[1].name: duplicate model \"gpt-small\" (also at models[0].aliases[0])",
                "models[1].aliases[0]: duplicate model \"chat\" (also at models[0].name)",
                "models[2].aliases: aliases are for models with protocol openai, which the request body names");
    }

    @Test
    void reportsBadVersionsLabelsAndDefaults() {
        assertThat(errorsOf(UPSTREAMS + """
                models:
                  - name: m
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [{ version: "1" }, { version: "1" }, { version: "" }, { upstream: onnx }, "2"]
                    labels: { stable: "3", "1": "1", latest: "1", "bad label": "1" }
                    default: nightly
                """)).containsExactly(
                "models[0].versions[1].version: duplicate version \"1\" (also at models[0].versions[0].version)",
                "models[0].versions[2].version: must not be empty",
                "models[0].versions[3].version: required",
                "models[0].versions[4]: expected a map with keys version, upstream",
                "models[0].labels.stable: unknown version \"3\" (known: 1)",
                "models[0].labels.1: label \"1\" is also a version id: a label must differ from every version",
                "models[0].labels.latest: \"latest\" is reserved (default: latest) and cannot be a label",
                "models[0].labels.bad label: a label needs letters, digits, '.', '-' and '_', not starting with a "
                        + "symbol, got \"bad label\"",
                "models[0].default: expected a label (none), a version (1) or latest, got \"nightly\"");
    }

    @Test
    void reportsBadTrafficShadowAndQueue() {
        assertThat(errorsOf(UPSTREAMS + """
                models:
                  - name: m
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [{ version: "1" }, { version: "2" }]
                    labels: { stable: "1" }
                    traffic: { stable: -1, "3": 5, sticky: cookie }
                    shadow: { version: "9", percent: 150 }
                    queue: { max-in-flight: 0, max-queued: -1, timeout: 0s }
                    managed: maybe
                  - name: n
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [{ version: "1" }]
                    traffic: { "1": 0, sticky: consumer }
                    shadow: { percent: 1 }
                  - { name: o, protocol: tfserving, upstream: onnx, traffic: { sticky: consumer } }
                """)).containsExactly(
                "models[0].traffic.stable: expected an integer >= 0, got \"-1\"",
                "models[0].traffic.3: weight for an unknown target \"3\": expected a label (stable) or a version "
                        + "(1, 2)",
                "models[0].traffic.sticky: expected consumer or header:NAME, got \"cookie\"",
                "models[0].shadow.version: expected a label (stable), a version (1, 2), got \"9\"",
                "models[0].shadow.percent: expected a number from 0 to 100, got \"150\"",
                "models[0].queue.timeout: expected a duration above 0, got \"0s\"",
                "models[0].queue.max-in-flight: expected an integer >= 1, got \"0\"",
                "models[0].queue.max-queued: expected an integer >= 0, got \"-1\"",
                "models[0].managed: expected true or false, got \"maybe\"",
                "models[1].traffic: the weights add up to 0: at least one must be above 0",
                "models[1].shadow.version: required",
                "models[2].traffic: expected weights over labels or versions, like { stable: 90, canary: 10 }");
    }

    @Test
    void readsTheShadowsBoundsEachDefaultingOnItsOwn() {
        GatewayConfig config = load(UPSTREAMS + """
                models:
                  - name: a
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [{ version: "1" }, { version: "2" }]
                    shadow: { version: "2", percent: 2.5, max-body: 256KiB, max-in-flight: 3, tolerance: 1e-3,
                              timeout: 1500ms }
                  - name: b
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [{ version: "1" }, { version: "2" }]
                    shadow: { version: "2", percent: 1, tolerance: 0 }
                """);

        assertThat(config.models().get(0).shadow()).isEqualTo(new ShadowConfig("2", 2.5, 256 << 10, 3, 1e-3,
                Duration.ofMillis(1500)));
        assertThat(config.models().get(1).shadow()).isEqualTo(new ShadowConfig("2", 1, ShadowConfig.DEFAULT_MAX_BODY,
                ShadowConfig.DEFAULT_MAX_IN_FLIGHT, 0, ShadowConfig.DEFAULT_TIMEOUT));
        assertThat(new ShadowConfig("2", 1)).isEqualTo(new ShadowConfig("2", 1, 1 << 20, 16, 1e-6,
                Duration.ofSeconds(10)));
    }

    @Test
    void reportsBadShadowBoundsAtTheirPaths() {
        assertThat(errorsOf(UPSTREAMS + """
                models:
                  - name: a
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [{ version: "1" }, { version: "2" }]
                    shadow: { version: "2", percent: 5, max-body: 0, max-in-flight: 0, tolerance: 2, timeout: 0s }
                  - name: b
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [{ version: "1" }, { version: "2" }]
                    shadow: { version: "2", percent: 5, max-body: 65MiB, tolerance: close, timeout: soon,
                              max-inflight: 3 }
                """)).containsExactly(
                "models[0].shadow.max-body: expected a size from 1B to 64MiB, got \"0\"",
                "models[0].shadow.max-in-flight: expected an integer >= 1, got \"0\"",
                "models[0].shadow.tolerance: expected a relative difference from 0 to 1, like 1e-6, got \"2\"",
                "models[0].shadow.timeout: expected a duration above 0, got \"0s\"",
                "models[1].shadow.max-inflight: unknown key (allowed: version, percent, max-body, max-in-flight, "
                        + "tolerance, timeout)",
                "models[1].shadow.max-body: expected a size from 1B to 64MiB, got \"65MiB\"",
                "models[1].shadow.tolerance: expected a relative difference from 0 to 1, like 1e-6, got \"close\"",
                "models[1].shadow.timeout: expected a duration like 250ms, 10s or 5m, got \"soon\"");
    }

    @Test
    void theOpenAiApiTakesAMaxBodyAndTheOthersStreamUnderTheRouteDefault() {
        GatewayConfig config = load(UPSTREAMS + """
                model-apis:
                  openai: { prefix: /v1, max-body: 16MiB }
                  tfserving: { prefix: /tfs/v1 }
                """);
        assertThat(config.modelApis()).extracting(ModelApiConfig::maxBody).containsExactly(16L << 20, 10L << 20);
        assertThat(ModelApiRoutes.route(config.modelApis().get(0), null).maxBodySize()).isEqualTo(16L << 20);
        assertThat(load(UPSTREAMS + "model-apis: { openai: { prefix: /v1 } }").modelApis().get(0).maxBody())
                .isEqualTo(4L << 20);

        assertThat(errorsOf(UPSTREAMS + """
                model-apis:
                  openai: { prefix: /v1, max-body: 0 }
                  tfserving: { prefix: /tfs/v1, max-body: 1MiB }
                  torchserve: { prefix: /predictions, max-body: lots }
                """)).containsExactly(
                "model-apis.openai.max-body: expected a size above 0, like 4MiB, got \"0\"",
                "model-apis.tfserving.max-body: only the openai API takes max-body (it reads each body whole); "
                        + "tfserving streams bodies up to 10485760 bytes",
                "model-apis.torchserve.max-body: only the openai API takes max-body (it reads each body whole); "
                        + "torchserve streams bodies up to 10485760 bytes");
        assertThat(errorsOf(UPSTREAMS + "model-apis: { openai: { prefix: /v1, max-body: 3GiB } }"))
                .containsExactly("model-apis.openai.max-body: expected a size of at most 2147483647 bytes, got "
                        + "\"3GiB\"");
    }

    @Test
    void aModelApiTakesTimeoutsAsARouteDoes() {
        GatewayConfig config = load(UPSTREAMS + """
                model-apis:
                  openai: { prefix: /v1, timeouts: { response: 5m, idle: 2m } }
                  tfserving: { prefix: /tfs/v1 }
                """);
        TimeoutsConfig openai = ModelApiRoutes.route(config.modelApis().get(0), null).timeouts();
        assertThat(openai.response()).isEqualTo(Duration.ofMinutes(5));
        assertThat(openai.idle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(openai.connect()).isEqualTo(RouteSection.TIMEOUT_DEFAULTS.connect());
        assertThat(config.modelApis().get(1).timeouts()).isEqualTo(RouteSection.TIMEOUT_DEFAULTS);
        assertThat(errorsOf(UPSTREAMS + "model-apis: { openai: { prefix: /v1, timeouts: { reply: 5m } } }"))
                .singleElement().asString().startsWith("model-apis.openai.timeouts.reply: unknown key");
    }

    @Test
    void readsModelApisAndTheRegistry() {
        GatewayConfig config = load(UPSTREAMS + """
                model-apis:
                  open-inference-v2: { prefix: /v2, filters: [ { headers: { request: { set: { x-api: oip } } } } ] }
                  tfserving: { prefix: /tfs/v1 }
                  torchserve: { prefix: /predictions }
                model-registry: { state-file: state/models.json, reconcile-interval: 5s, load-timeout: 1m,
                                  drain-timeout: 10s }
                routes:
                  - { name: all, match: { prefix: / }, upstream: onnx }
                  - { name: api, match: { prefix: /v1 }, upstream: onnx }
                  - { name: re, match: { regex: "/v2/.*" }, upstream: onnx }
                """);

        assertThat(config.modelApis()).extracting(ModelApiConfig::protocol, ModelApiConfig::prefix).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ModelProtocol.OPEN_INFERENCE_V2, "/v2"),
                org.assertj.core.groups.Tuple.tuple(ModelProtocol.TFSERVING, "/tfs/v1"),
                org.assertj.core.groups.Tuple.tuple(ModelProtocol.TORCHSERVE, "/predictions"));
        assertThat(config.modelApis().get(0).filters()).extracting(FilterSpec::name).containsExactly("headers");
        assertThat(config.modelRegistry()).isEqualTo(new ModelRegistryConfig(
                Path.of("state/models.json").toAbsolutePath().normalize(), Duration.ofSeconds(5),
                Duration.ofMinutes(1), Duration.ofSeconds(10)));
        assertThat(ModelApiRoutes.withModelApis(config)).extracting(RouteConfig::name)
                .containsExactly("all", "api", "re", "model-api:open-inference-v2", "model-api:tfserving",
                        "model-api:torchserve");
        RouteConfig generated = ModelApiRoutes.route(config.modelApis().get(1), null);
        assertThat(generated.match().prefix()).isEqualTo("/tfs/v1");
        assertThat(generated.upstream()).isNull();
    }

    @Test
    void reportsBadModelApisAndOverlappingRoutes() {
        assertThat(errorsOf(UPSTREAMS + """
                model-apis:
                  open-inference-v2: { prefix: /v2, filters: [ { nope: {} } ] }
                  tfserving: { prefix: /v2/tfs }
                  torchserve: { prefix: "/" }
                  openai: { prefix: /v2/openai }
                  grpc: { prefix: /grpc }
                model-registry: { reconcile-interval: -1s, drain: 1s }
                routes:
                  - { name: "model-api:mine", match: { prefix: /x }, upstream: onnx }
                  - { name: deeper, match: { prefix: /v2/models }, upstream: onnx }
                  - { name: exact, match: { path: /v2 }, upstream: onnx }
                  - { name: templated, match: { path: "/{version}/models/{m}" }, upstream: onnx }
                  - { name: beside, match: { prefix: /v20 }, upstream: onnx }
                """)).containsExactly(
                "model-apis.open-inference-v2.filters[0]: unknown filter \"nope\" (known: acl, auth, headers, "
                        + "rate-limit, scopes)",
                "model-apis.tfserving.prefix: prefix /v2/tfs collides with /v2 of model API open-inference-v2: one "
                        + "would take the other's requests",
                "model-apis.torchserve.prefix: expected a path prefix of its own like /v2 (not /, no trailing slash, "
                        + "no variables), got \"/\"",
                "model-apis.openai.prefix: prefix /v2/openai collides with /v2 of model API open-inference-v2: one "
                        + "would take the other's requests",
                "model-apis.grpc: unknown model API \"grpc\" (known: open-inference-v2, openai, tfserving, "
                        + "torchserve)",
                "routes[0].name: names starting with \"model-api:\" are reserved for the routes of model-apis",
                "routes[1].match.prefix: \"/v2/models\" matches paths under /v2, the prefix of model API "
                        + "open-inference-v2 (use a path outside it)",
                "routes[2].match.path: \"/v2\" matches paths under /v2, the prefix of model API open-inference-v2 "
                        + "(use a path outside it)",
                "routes[3].match.path: \"/{version}/models/{m}\" matches paths under /v2, the prefix of model API "
                        + "open-inference-v2 (use a path outside it)",
                "model-registry.drain: unknown key (allowed: state-file, reconcile-interval, load-timeout, "
                        + "drain-timeout)",
                "model-registry.reconcile-interval: expected a duration like 250ms, 10s or 5m, got \"-1s\"");
    }

    @Test
    void checksWhatModelApiFiltersReferTo() {
        assertThat(errorsOf(UPSTREAMS + """
                model-apis:
                  open-inference-v2:
                    prefix: /v2
                    filters: [ { acl: { allow: [ops] } }, { rate-limit: { limiters: [missing] } } ]
                """)).containsExactlyInAnyOrder(
                "model-apis.open-inference-v2.filters[0].acl.allow[0]: no consumer is in group \"ops\" (groups: none)",
                "model-apis.open-inference-v2.filters[0].acl: acl needs an auth filter on the same route: without "
                        + "one no request has an identity",
                "model-apis.open-inference-v2.filters[1].rate-limit.limiters[0]: unknown limiter \"missing\" (known: "
                        + "none)");
    }

    @Test
    void readsCanaryRollbackWithDefaults() {
        GatewayConfig config = load(UPSTREAMS + """
                models:
                  - name: a
                    protocol: open-inference-v2
                    upstream: onnx
                    rollback: { error-rate-margin: 5%, latency-margin: 200%, window: 30s, min-requests: 20 }
                  - { name: b, protocol: open-inference-v2, upstream: onnx, rollback: {} }
                  - { name: c, protocol: open-inference-v2, upstream: onnx }
                """);

        assertThat(config.models().get(0).rollback())
                .isEqualTo(new RollbackConfig(0.05, 2.0, Duration.ofSeconds(30), 20));
        assertThat(config.models().get(1).rollback()).isEqualTo(RollbackConfig.DEFAULT);
        assertThat(config.models().get(2).rollback()).isNull();
    }

    @Test
    void reportsBadRollbackSettingsAtTheirPaths() {
        assertThat(errorsOf(UPSTREAMS + """
                models:
                  - name: a
                    protocol: open-inference-v2
                    upstream: onnx
                    rollback: { error-rate-margin: 120%, latency-margin: fast, window: 500ms, min-requests: 0, p: 1 }
                  - { name: b, protocol: open-inference-v2, upstream: onnx, rollback: 10% }
                """)).containsExactly(
                "models[0].rollback.p: unknown key (allowed: error-rate-margin, latency-margin, window, "
                        + "min-requests)",
                "models[0].rollback.window: expected at least 1s, got 500ms",
                "models[0].rollback.error-rate-margin: expected a percentage from 0% to 100%, got \"120%\"",
                "models[0].rollback.latency-margin: expected a percentage from 0% to 1000%, like 50%, got \"fast\"",
                "models[0].rollback.min-requests: expected an integer >= 1, got \"0\"",
                "models[1].rollback: expected a map with keys error-rate-margin, latency-margin, window, "
                        + "min-requests");
    }
}
