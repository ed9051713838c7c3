package liftsys.analysis;

/** A quantitative phase that could not be done, carrying the degradation the answer reports. */
final class DegradedException extends Exception {
    private final Degradation degradation;

    DegradedException(Degradation.Reason reason, String message) {
        this(new Degradation(reason, message));
    }

    DegradedException(Degradation degradation) {
        super(degradation.message());
        this.degradation = degradation;
    }

    Degradation degradation() {
        return degradation;
    }
}
