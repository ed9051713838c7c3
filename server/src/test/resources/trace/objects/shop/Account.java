package shop;

/** Abstract: its instance method runs on the project's one concrete subclass, {@link Savings}. */
public abstract class Account {
    protected double balance;

    protected Account(double balance) {
        this.balance = balance;
    }

    abstract double rate();

    double interest(double years) {
        double r = rate();
        return balance * r * years;
    }
}
