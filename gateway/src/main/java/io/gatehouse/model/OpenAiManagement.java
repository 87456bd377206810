package io.gatehouse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * OpenAI-compatible servers have no management API and no versions: a model serves when {@code GET /v1/models}
 * lists its backend name.
 */
final class OpenAiManagement implements ManagementApi {

    @Override
    public HttpRequest.Builder readiness(URI base, String backendName, String version) {
        return HttpRequest.newBuilder(base.resolve("/v1/models")).GET();
    }

    @Override
    public boolean ready(int status, JsonNode body, String backendName) {
        if (status != 200 || body == null) {
            return false;
        }
        for (JsonNode model : body.path("data")) {
            if (backendName.equals(model.path("id").asText())) {
                return true;
            }
        }
        return false;
    }
}
