package liftsys.analysis;

import java.util.Objects;

/**
 * A reason not to trust an effect size, in words for the user: a stable {@code code} (the
 * sidecar's, dowhy/README.md, or one of the server's own checks: {@code measured-differs},
 * {@code measured-outside-interval}, {@code extrapolated}, {@code weak-fit}, {@code non-finite},
 * {@code not-identifiable}) and a sentence that names variables as the code does.
 */
public record EffectReason(String code, String message) {
    public EffectReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
