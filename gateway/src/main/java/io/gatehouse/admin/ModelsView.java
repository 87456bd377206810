package io.gatehouse.admin;

import io.gatehouse.config.Durations;
import io.gatehouse.config.ShadowConfig;
import io.gatehouse.model.BackendClient;
import io.gatehouse.model.CanaryRollback;
import io.gatehouse.model.ModelControl;
import io.gatehouse.model.ModelView;
import io.gatehouse.model.ShadowTraffic;
import io.gatehouse.model.VersionActivity;
import io.gatehouse.model.VersionView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models as the admin API shows them: versions with state and backend readiness, labels, traffic, the shadow with
 * how its mirrored requests compared, and the last automatic canary rollback.
 */
final class ModelsView {

    private ModelsView() {
    }

    static List<Map<String, Object>> of(ModelControl control) {
        List<Map<String, Object>> view = new ArrayList<>();
        control.registry().current().values().forEach(model -> view.add(of(model, control)));
        return view;
    }

    static Map<String, Object> of(ModelView model, ModelControl control) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", model.name());
        view.put("protocol", model.protocol().configName());
        view.put("backend_name", model.backendName());
        view.put("upstream", model.upstream());
        view.put("managed", model.managed());
        view.put("default", model.defaultTarget());
        view.put("labels", new TreeMap<>(model.labels()));
        if (model.traffic() == null) {
            view.put("traffic", null);
        } else {
            Map<String, Object> traffic = new LinkedHashMap<>();
            traffic.put("weights", new TreeMap<>(model.traffic().weights()));
            traffic.put("sticky", model.traffic().stickyConsumer() ? "consumer"
                    : model.traffic().stickyHeader() == null ? null : "header:" + model.traffic().stickyHeader());
            view.put("traffic", traffic);
        }
        view.put("shadow", shadow(model, control));
        CanaryRollback rollback = control.lastRollback(model.name());
        view.put("last_rollback", rollback == null ? null : Map.of("at", rollback.at().toString(), "version",
                rollback.version(), "reason", rollback.reason()));
        List<Map<String, Object>> versions = new ArrayList<>();
        model.versions().values().forEach(version -> versions.add(version(model.name(), version, control)));
        view.put("versions", versions);
        return view;
    }

    /** The shadow version and its bounds, with how its mirrored requests ended so far. */
    private static Map<String, Object> shadow(ModelView model, ModelControl control) {
        if (model.shadow() == null) {
            return null;
        }
        // The shadow may name a label: the counts are those of the version it points at now.
        VersionView target = model.resolve(model.shadow().version());
        String version = target == null ? model.shadow().version() : target.version();
        ShadowTraffic shadows = control.registry().shadows();
        Map<String, Object> view = new LinkedHashMap<>();
        ShadowConfig settings = model.shadow();
        view.put("version", settings.version());
        view.put("percent", settings.percent());
        view.put("max_body", settings.maxBody());
        view.put("max_in_flight", settings.maxInFlight());
        view.put("tolerance", settings.tolerance());
        view.put("timeout", Durations.format(settings.timeout()));
        view.put("in_flight", shadows.inFlight(model.name(), version));
        view.put("results", shadows.counts(model.name(), version));
        return view;
    }

    static Map<String, Object> version(String model, VersionView version, ModelControl control) {
        VersionActivity activity = control.activity();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", version.version());
        view.put("state", version.state().name());
        view.put("error", version.error());
        view.put("upstream", version.upstream());
        view.put("in_flight", activity.inFlight(model, version.version()));
        view.put("queued", activity.queued(model, version.version()));
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (BackendClient.Answer answer : control.readiness(model, version.version())) {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("address", answer.endpoint());
            endpoint.put("ready", answer.ok());
            endpoint.put("detail", answer.detail());
            endpoints.add(endpoint);
        }
        view.put("endpoints", endpoints);
        return view;
    }
}
