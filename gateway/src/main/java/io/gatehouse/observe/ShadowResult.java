package io.gatehouse.observe;

import java.util.Locale;

/** What became of one request mirrored, or meant to be mirrored, to a shadow version. */
public enum ShadowResult {
    /** Both answered, and every number of the shadow's output is within the tolerance of the primary's. */
    AGREE,
    /** Both answered, and the outputs differ beyond the tolerance. */
    DISAGREE,
    /** The shadow did not answer with a 2xx in time, or could not be reached. */
    FAILED,
    /** The shadow version already had as many mirrored requests in flight as it may. */
    DROPPED,
    /** The request or the primary's response was larger than the copy may hold. */
    TOO_LARGE;

    /** The metric label value and admin API field name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
