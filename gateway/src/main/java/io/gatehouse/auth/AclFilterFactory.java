package io.gatehouse.auth;

import io.gatehouse.config.AclFilterConfig;
import io.gatehouse.config.AclFilterSection;
import io.gatehouse.config.FilterSettingsNode;
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
    public AclFilterConfig parse(FilterSettingsNode settings) {
        return AclFilterSection.parse(settings);
    }

    @Override
    public Filter create(AclFilterConfig settings, FilterContext context) {
        return new AclFilter(settings);
    }
}
