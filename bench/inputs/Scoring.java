package bench;

public class Scoring {
    static double warmUp(double a, double b) {
        double c = 2 * a + b;
        return c - 1;
    }

    static double score(double price, int qty, double rate, boolean member) {
        double base = price * qty;
        double fee = base > 100 ? 5.0 : 2.0;
        double taxed = base * (1 + rate);
        double disc = 0.0;
        if (member) {
            disc = taxed * 0.1;
        }
        double net = taxed - disc + fee;
        int bucket = qty / 10;
        double bonus = bucket * 1.5;
        double total = net + bonus;
        return total;
    }
}
