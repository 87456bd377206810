package io.gatehouse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * TorchServe's management API: registers one version from {@code {backendName}.mar} with one worker, unregisters
 * that version alone, and describes it (200 once registered).
 */
final class TorchServeManagement implements ManagementApi {

    @Override
    public HttpRequest.Builder load(URI base, String backendName, String version) {
        String name = ManagementApi.encode(backendName);
        return HttpRequest.newBuilder(base.resolve("/models?url=" + name + ".mar&model_name=" + name
                + "&model_version=" + ManagementApi.encode(version) + "&initial_workers=1"))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    @Override
    public HttpRequest.Builder unload(URI base, String backendName, String version) {
        return HttpRequest.newBuilder(versionUri(base, backendName, version)).DELETE();
    }

    @Override
    public HttpRequest.Builder readiness(URI base, String backendName, String version) {
        return HttpRequest.newBuilder(versionUri(base, backendName, version)).GET();
    }

    @Override
    public boolean ready(int status, JsonNode body, String backendName) {
        return status == 200;
    }

    private static URI versionUri(URI base, String backendName, String version) {
        return base.resolve("/models/" + ManagementApi.encode(backendName) + "/" + ManagementApi.encode(version));
    }
}
