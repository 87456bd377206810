package io.gatehouse.auth;

import io.gatehouse.config.AuthFilterConfig;
import io.gatehouse.config.AuthFilterSection;
import io.gatehouse.config.AuthMethodConfig;
import io.gatehouse.config.FilterSettingsNode;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code auth}: establishes who a request comes from, first in the AUTHORIZE phase. */
public final class AuthFilterFactory implements FilterFactory<AuthFilterConfig> {

    /** The identity method of a request let in without a credential. */
    public static final String ANONYMOUS = "anonymous";

    @Override
    public String name() {
        return AuthFilterSection.FILTER_NAME;
    }

    @Override
    public Phase phase() {
        return Phase.AUTHORIZE;
    }

    @Override
    public AuthFilterConfig parse(FilterSettingsNode settings) {
        return AuthFilterSection.parse(settings);
    }

    @Override
    public Filter create(AuthFilterConfig settings, FilterContext context) {
        List<Authenticator> methods = new ArrayList<>();
        for (AuthMethodConfig method : settings.methods()) {
            methods.add(Authenticators.create(method, context.auth()));
        }
        Identity anonymous = null;
        if (settings.anonymous() != null) {
            Consumer consumer = context.auth().consumers().named(settings.anonymous());
            if (consumer == null) {
                throw new IllegalStateException("no consumer \"" + settings.anonymous() + "\" for route "
                        + context.routeName());
            }
            anonymous = new Identity(consumer, ANONYMOUS, Set.of());
        }
        return new AuthFilter(methods, settings.allOf(), anonymous);
    }
}
