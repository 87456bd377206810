package io.gatehouse.admin;

import java.util.List;

/** The result of a reload: applied, or rejected with every error (the old config keeps serving). */
public record ReloadOutcome(boolean applied, boolean changed, List<String> errors) {

    public ReloadOutcome {
        errors = List.copyOf(errors);
    }

    public static ReloadOutcome applied(boolean changed) {
        return new ReloadOutcome(true, changed, List.of());
    }

    public static ReloadOutcome rejected(List<String> errors) {
        return new ReloadOutcome(false, false, errors);
    }
}
