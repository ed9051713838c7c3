package liftsys.analysis;

import java.util.Map;

/**
 * The last quantified answer for a method's content: which subject was changed ({@code
 * allParameters} when it was the method's name, so every parameter moved together), how, and the
 * effects on its downstream variables, by variable id. Code lenses and inlay hints show these;
 * they never start a fit of their own.
 */
public record RecentEffects(String subjectName, boolean allParameters, Intervention intervention,
                            Map<String, QuantEffect> effects) {
}
