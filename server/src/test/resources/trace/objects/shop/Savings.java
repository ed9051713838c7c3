package shop;

public class Savings extends Account {
    public Savings(double balance) {
        super(balance);
    }

    @Override
    double rate() {
        return 0.02;
    }
}
