package io.gatehouse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;

/** TF Serving loads what its own config says: the gateway only asks for a version's status, AVAILABLE or not. */
final class TfServingManagement implements ManagementApi {

    @Override
    public HttpRequest.Builder readiness(URI base, String backendName, String version) {
        return HttpRequest.newBuilder(base.resolve("/v1/models/" + ManagementApi.encode(backendName) + "/versions/"
                + ManagementApi.encode(version))).GET();
    }

    @Override
    public boolean ready(int status, JsonNode body, String backendName) {
        if (status != 200 || body == null) {
            return false;
        }
        for (JsonNode entry : body.path("model_version_status")) {
            if ("AVAILABLE".equals(entry.path("state").asText())) {
                return true;
            }
        }
        return false;
    }
}
