package shop;

public class Discounts {
    static final double MEMBER_BONUS = 0.05;

    public static double rate(int quantity, boolean member) {
        double rate = quantity >= 10 ? 0.1 : 0.0;
        return member ? rate + MEMBER_BONUS : rate;
    }
}
