package io.gatehouse.auth;

import io.gatehouse.config.FilterSettingsNode;
import io.gatehouse.config.ScopesFilterConfig;
import io.gatehouse.config.ScopesFilterSection;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.Phase;

/** {@code scopes}: requires scopes of the identity, in the AUTHORIZE phase after {@code auth}. */
public final class ScopesFilterFactory implements FilterFactory<ScopesFilterConfig> {

    @Override
    public String name() {
        return ScopesFilterSection.FILTER_NAME;
    }

    @Override
    public Phase phase() {
        return Phase.AUTHORIZE;
    }

    @Override
    public int order() {
        return AclFilterFactory.AFTER_AUTH;
    }

    @Override
    public ScopesFilterConfig parse(FilterSettingsNode settings) {
        return ScopesFilterSection.parse(settings);
    }

    @Override
    public Filter create(ScopesFilterConfig settings, FilterContext context) {
        return new ScopesFilter(settings);
    }
}
