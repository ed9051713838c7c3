package shop;

import java.util.List;
import java.util.Map;

/** Inputs that are objects, Strings and chars, made the way their code makes them (issue 15). */
public class Objects {
    /** A record whose canonical constructor refuses negative amounts. */
    public record Money(long cents, String currency) {
        public Money {
            if (cents < 0) {
                throw new IllegalArgumentException("negative amount: " + cents);
            }
        }
    }

    /** Built only through its builder, which refuses a quantity below 1. */
    public static final class Order {
        private final int quantity;
        private final double price;

        private Order(int quantity, double price) {
            this.quantity = quantity;
            this.price = price;
        }

        public static Builder builder() {
            return new Builder();
        }

        public int quantity() {
            return quantity;
        }

        public double price() {
            return price;
        }

        public static final class Builder {
            private int quantity = 1;
            private double price;

            public Builder quantity(int quantity) {
                this.quantity = quantity;
                return this;
            }

            public Builder price(double price) {
                this.price = price;
                return this;
            }

            public Order build() {
                if (quantity < 1) {
                    throw new IllegalStateException("quantity must be positive: " + quantity);
                }
                return new Order(quantity, price);
            }
        }
    }

    public enum Level { LOW, MID, HIGH }

    static long doubled(Money m) {
        long c = m.cents();
        return c * 2;
    }

    static double orderTotal(Order o) {
        int q = o.quantity();
        double p = o.price();
        return q * p;
    }

    static int bonus(Level level) {
        int b = level.ordinal() * 10;
        return b;
    }

    static int count(List<Integer> xs) {
        int n = xs.size();
        return 3 * n;
    }

    static int sum(List<Integer> xs) {
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }

    static int priceOf(Map<String, Integer> prices) {
        int found = prices.containsKey("apple") ? prices.get("apple") : -1;
        return found;
    }

    static double scaled(Shape s, double k) {
        double a = s.area();
        String n = s.name();
        return k * a;
    }

    static double convert(double amount, String to) {
        double rate = 1.0;
        if (to.equals("USD")) {
            rate = 1.1;
        } else if (to.equals("GBP")) {
            rate = 0.85;
        }
        return amount * rate;
    }

    static int offset(char c) {
        int k = c - 'a';
        return k;
    }

    static String shout(String s) {
        String t = s + "!";
        return t;
    }

    static int fee(boolean member, int base) {
        int f = member ? base - 5 : base;
        return f;
    }

    static int twice(String s) {
        int v = Integer.parseInt(s);
        return 2 * v;
    }

    /** An object that offers a number: the model sees it as that number. */
    public static final class Temperature {
        private final double celsius;

        public Temperature(double celsius) {
            this.celsius = celsius;
        }

        public double getValue() {
            return celsius;
        }
    }

    static double fahrenheit(Temperature t) {
        double f = t.getValue() * 1.8 + 32;
        return f;
    }

    static Temperature warmer(Temperature t, double by) {
        Temperature w = new Temperature(t.getValue() + by);
        return w;
    }

    /** A running moment, as Commons Math's SecondMoment: a field of object type of {@link Variance}. */
    public static class Moment {
        private double m2;
        private long n;

        public Moment() {
        }

        public Moment(double m2, long n) {
            if (n < 0) {
                throw new IllegalArgumentException("negative count: " + n);
            }
            this.m2 = m2;
            this.n = n;
        }

        public double value() {
            return n == 0 ? 0 : m2 / n;
        }
    }

    public static class Variance {
        private Moment moment = new Moment();
        private boolean biased;

        public double evaluate(double scale) {
            double v = moment.value();
            return biased ? v * scale : v;
        }
    }

    /** Its fields are read by {@code z} alone; {@code scaled} reads none itself. */
    public static class Gauss {
        private final double mean;
        private final double sd;

        public Gauss(double mean, double sd) {
            if (sd <= 0) {
                throw new IllegalArgumentException("standard deviation must be positive: " + sd);
            }
            this.mean = mean;
            this.sd = sd;
        }

        double z(double x) {
            return (x - mean) / sd;
        }

        public double scaled(double x) {
            double y = 2 * z(x);
            return y;
        }
    }
}
