package liftsys.analysis;

/** A quantitative phase that could not be done, carrying the degradation the answer reports. */
final class DegradedException extends Exception {
    private final Degradation degradation;

    DegradedException(Degradation.Reason reason, String message) {
        super(message);
        this.degradation = new Degradation(reason, message);
    }

    Degradation degradation() {
        return degradation;
    }
}
