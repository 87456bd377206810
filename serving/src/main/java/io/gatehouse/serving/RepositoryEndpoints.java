package io.gatehouse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** The Open Inference Protocol's model repository extension: index, load and unload, by model and version. */
final class RepositoryEndpoints {

    private final ModelManager manager;
    private final ModelRegistry registry;

    RepositoryEndpoints(ModelManager manager, ModelRegistry registry) {
        this.manager = manager;
        this.registry = registry;
    }

    /** Every model on disk or loaded, one entry per version with its state (and why a load failed). */
    CompletableFuture<Reply> index() {
        return manager.onLoader(() -> {
            Set<String> models = new TreeSet<>(manager.repository().models());
            models.addAll(registry.modelNames());
            List<Map<String, Object>> entries = new ArrayList<>();
            for (String model : models) {
                List<VersionStatus> statuses = registry.statuses(model);
                if (statuses.isEmpty()) {
                    entries.add(Map.of("name", model));
                }
                for (VersionStatus status : statuses) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", model);
                    entry.put("version", String.valueOf(status.version()));
                    entry.put("state", status.state().name());
                    entry.put("reason", status.failed() ? status.error() : "");
                    entries.add(entry);
                }
            }
            return Reply.ok(entries);
        });
    }

    /** Without versions applies the version policy; with them loads exactly those, besides the loaded ones. */
    CompletableFuture<Reply> load(String model, JsonNode body) {
        Set<Long> versions = JsonBodies.versions(body);
        CompletableFuture<List<ModelManager.LoadFailure>> loading = versions == null
                ? manager.applyPolicy(model) : manager.load(model, versions);
        return loading.thenApply(failures -> failures.isEmpty() ? Reply.ok(Map.of())
                : Reply.error(HttpResponseStatus.BAD_REQUEST, ModelManager.describe(failures)));
    }

    /** Without versions unloads every version; answers once the unloaded sessions are closed. */
    CompletableFuture<Reply> unload(String model, JsonNode body) {
        return manager.unload(model, JsonBodies.versions(body)).thenApply(closed -> Reply.ok(Map.of()));
    }
}
