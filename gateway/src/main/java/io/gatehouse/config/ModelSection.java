package io.gatehouse.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code models}: each model's protocol, backend name, versions and the upstreams serving them, labels and
 * default; {@link ModelTrafficSection} reads its traffic split, shadow, queue and canary rollback. Names, version
 * ids and labels appear in request paths, so they are restricted to letters, digits, dot, dash and underscore.
 */
final class ModelSection {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String IDENTIFIER_RULE = "letters, digits, '.', '-' and '_', not starting with a symbol";

    private ModelSection() {
    }

    static List<ModelConfig> models(ConfigNode node, Map<String, UpstreamConfig> upstreams) {
        Uniqueness names = new Uniqueness("model");
        List<ModelConfig> models = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            if (item.requireMap("name", "protocol", "backend-name", "upstream", "versions", "labels", "default",
                    "traffic", "shadow", "queue", "managed", "rollback", "aliases")) {
                ModelConfig model = model(item, names, upstreams.keySet());
                if (model != null) {
                    models.add(model);
                }
            }
        }
        return models;
    }

    /** Null when the name or protocol is unusable (reported); other problems are reported and read past. */
    private static ModelConfig model(ConfigNode node, Uniqueness names, Collection<String> upstreams) {
        ConfigNode nameNode = node.get("name");
        String name = identifier(nameNode);
        if (name != null) {
            names.check(nameNode, name, "\"" + name + "\"");
        }
        ModelProtocol protocol = protocol(node.get("protocol"));
        String backendName = node.get("backend-name").isPresent() ? identifier(node.get("backend-name")) : name;
        String upstream = node.get("upstream").isPresent() ? upstream(node.get("upstream"), upstreams) : null;
        List<ModelVersionConfig> versions = versions(node.get("versions"), upstream,
                node.get("upstream").isPresent(), upstreams);
        List<String> versionIds = versions.stream().map(ModelVersionConfig::version).toList();
        Map<String, String> labels = labels(node.get("labels"), versionIds);
        String defaultTarget = target(node.get("default"), ModelConfig.LATEST, versionIds, labels);
        TrafficConfig traffic = ModelTrafficSection.traffic(node.get("traffic"), versionIds, labels);
        ShadowConfig shadow = ModelTrafficSection.shadow(node.get("shadow"), versionIds, labels);
        ModelQueueConfig queue = ModelTrafficSection.queue(node.get("queue"));
        RollbackConfig rollback = ModelTrafficSection.rollback(node.get("rollback"));
        boolean managedByDefault = protocol == ModelProtocol.OPEN_INFERENCE_V2 || protocol == ModelProtocol.TORCHSERVE;
        boolean managed = node.get("managed").bool(managedByDefault);
        List<String> aliases = aliases(node.get("aliases"), protocol, names);
        if (name == null || protocol == null || backendName == null) {
            return null;
        }
        return new ModelConfig(name, protocol, backendName, upstream, versions, labels, defaultTarget, traffic,
                shadow, queue, managed, rollback, aliases);
    }

    /** Other names of an OpenAI-style model, unique among every model's names and aliases. */
    private static List<String> aliases(ConfigNode node, ModelProtocol protocol, Uniqueness names) {
        if (!node.isPresent()) {
            return List.of();
        }
        if (protocol != ModelProtocol.OPENAI) {
            node.error("aliases are for models with protocol openai, which the request body names");
            return List.of();
        }
        List<String> aliases = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            String alias = identifier(item);
            if (alias != null) {
                names.check(item, alias, "\"" + alias + "\"");
                aliases.add(alias);
            }
        }
        return aliases;
    }

    private static ModelProtocol protocol(ConfigNode node) {
        String text = node.requiredString();
        if (text == null) {
            return null;
        }
        ModelProtocol protocol = ModelProtocol.named(text);
        if (protocol == null) {
            node.errorUnknown("protocol", text, ModelProtocol.configNames());
        }
        return protocol;
    }

    private static String upstream(ConfigNode node, Collection<String> upstreams) {
        String name = node.requiredString();
        if (name != null && !upstreams.contains(name)) {
            node.errorUnknown("upstream", name, upstreams);
            return null;
        }
        return name;
    }

    /** A non-empty name usable in a request path; null after reporting otherwise. */
    static String identifier(ConfigNode node) {
        String text = node.requiredString();
        if (text != null && !IDENTIFIER.matcher(text).matches()) {
            node.error("expected " + IDENTIFIER_RULE + ", got \"" + text + "\"");
            return null;
        }
        return text;
    }

    /** @param modelNamesUpstream whether the model names an upstream (reported there when unknown) */
    private static List<ModelVersionConfig> versions(ConfigNode node, String modelUpstream,
                                                     boolean modelNamesUpstream, Collection<String> upstreams) {
        Uniqueness ids = new Uniqueness("version");
        List<ModelVersionConfig> versions = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            if (!item.requireMap("version", "upstream")) {
                continue;
            }
            ConfigNode idNode = item.get("version");
            String id = identifier(idNode);
            if (id != null) {
                ids.check(idNode, id, "\"" + id + "\"");
            }
            ConfigNode upstreamNode = item.get("upstream");
            String upstream = modelUpstream;
            if (upstreamNode.isPresent()) {
                upstream = upstream(upstreamNode, upstreams);
            } else if (!modelNamesUpstream) {
                upstreamNode.error("required when the model names no upstream");
            }
            if (id != null && upstream != null && versions.stream().noneMatch(v -> v.version().equals(id))) {
                versions.add(new ModelVersionConfig(id, upstream));
            }
        }
        return versions;
    }

    private static Map<String, String> labels(ConfigNode node, List<String> versions) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.entries().forEach((label, target) -> {
            if (!IDENTIFIER.matcher(label).matches()) {
                target.error("a label needs " + IDENTIFIER_RULE + ", got \"" + label + "\"");
            } else if (label.equals(ModelConfig.LATEST)) {
                target.error("\"" + ModelConfig.LATEST + "\" is reserved (default: latest) and cannot be a label");
            } else if (versions.contains(label)) {
                target.error("label \"" + label + "\" is also a version id: a label must differ from every version");
            } else {
                String version = target.requiredString();
                if (version != null && !versions.contains(version)) {
                    target.errorUnknown("version", version, versions);
                } else if (version != null) {
                    labels.put(label, version);
                }
            }
        });
        return labels;
    }

    /**
     * A label or version id of the model ({@code latest} too when {@code fallback} is it); the fallback when absent
     * or after reporting an unknown target.
     */
    static String target(ConfigNode node, String fallback, List<String> versions, Map<String, String> labels) {
        String text = node.string(null);
        if (text == null || text.equals(fallback) || versions.contains(text) || labels.containsKey(text)) {
            return text == null ? fallback : text;
        }
        node.error("expected a label (" + known(labels.keySet()) + "), a version (" + known(versions) + ")"
                + (fallback == null ? "" : " or " + fallback) + ", got \"" + text + "\"");
        return fallback;
    }

    private static String known(Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
