package io.gatehouse.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.config.AclFilterConfig;
import io.gatehouse.config.AclFilterSection;
import io.gatehouse.config.ConfigErrors;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.Phase;

/** {@code acl}: allows or denies consumer groups, in the AUTHORIZE phase after {@code auth}. */
public final class AclFilterFactory implements FilterFactory<AclFilterConfig> {

    /** After {@code auth} (order 0), which establishes the identity this filter reads. */
    static final int AFTER_AUTH = 100;

    @Override
    public String name() {
        return AclFilterSection.FILTER_NAME;
    }

    @Override
    public Phase phase() {
        return Phase.AUTHORIZE;
    }

    @Override
    public int order() {
        return AFTER_AUTH;
    }

    @Override
    public AclFilterConfig parse(JsonNode node, String path, ConfigErrors errors) {
        return AclFilterSection.parse(node, path, errors);
    }

    @Override
    public Filter create(AclFilterConfig settings, FilterContext context) {
        return new AclFilter(settings);
    }
}
