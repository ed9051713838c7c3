package liftsys.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The stress run's documents: generated classes of a few hundred lines, some with {@code \r\n},
 * lone {@code \r} or mixed line breaks, and one full of non-ASCII text and surrogate pairs (in
 * identifiers, strings and comments).
 */
final class StressDocuments {
    private StressDocuments() {
    }

    record Doc(String uri, String text) {
    }

    static List<Doc> create(int count, Random random) {
        List<Doc> docs = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            int lines = 200 + random.nextInt(301);
            String text = JavaFileGenerator.generate(lines, 1000 + d);
            if (d == 0) {
                text = nonAscii(text, random);
            }
            if (d % 4 == 0) {
                text = withVariedMembers(text, d);
            }
            text = switch (d % 5) {
                case 1 -> breaks(text, "\r\n", random, false);
                case 2 -> breaks(text, "\r", random, false);
                case 3 -> breaks(text, "", random, true);
                default -> text;
            };
            if (d == 0) {
                text = breaks(text, "\r\n", random, true);
            }
            docs.add(new Doc("file:///stress/Doc" + d + ".java", text));
        }
        return docs;
    }

    /** Non-ASCII identifiers (some of them supplementary letters), strings and comments. */
    static String nonAscii(String text, Random random) {
        text = text.replace("    private long total;\n",
                "    private long total; // Σ of everything, 😀\n"
                        + "    private String label = \"naïve café 😀 𝄞 \\\"q\\\" 日本\";\n"
                        + "    private double 𝑘 = 2.5; /* κ 🎉 */\n");
        String[] parts = text.split("(?=    double compute)");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i > 0) {
                if (i % 3 == 0) {
                    p = p.replace("bonus", "bönus");
                }
                if (i % 4 == 1) {
                    p = p.replace("acc", "𝑎𝑐𝑐");
                }
                if (i % 2 == 0) {
                    p = p.replace("        double scaled = base * rate;\n",
                            "        double scaled = base * rate; // ×rate 😀\n"
                                    + "        String tag = \"日本語 😀\" + base; /* 🎉 é */\n"
                                    + "        double 𝑥 = base * 𝑘 + tag.length();\n");
                }
                if (i % 5 == 2) {
                    p = p.replace("double price", "double prïce").replace("price *", "prïce *");
                }
            }
            out.append(p);
        }
        return out.toString();
    }

    /**
     * Adds members of other shapes before the class's closing brace: constructors, a nested class,
     * an enum, a record, an interface with a default method, a generic varargs method, an anonymous
     * class and lambdas, an initializer block, annotations, and odd whitespace in comments.
     */
    static String withVariedMembers(String text, int d) {
        String name = text.substring(text.indexOf("class ") + 6, text.indexOf(" {", text.indexOf("class ")));
        String extra = ""
                + "    " + name + "(double price) {\n"
                + "        double base = price * 2;\n"
                + "        total = (long) (base + rate);\n"
                + "    }\n\n"
                + "    " + name + "() {\n"
                + "        this(1.0);\n"
                + "    }\n\n"
                + "    {\n"
                + "        limit = limit + 1;\n"
                + "    }\n\n"
                + "    @SuppressWarnings(\"unused\")\n"
                + "    static <T extends Comparable<T>> double pick" + d + "(T first, double... values) {\n"
                + "        double acc = 0;\n"
                + "        for (double v : values) {\n"
                + "            acc = acc + v;\n"
                + "        }\n"
                + "        Runnable r = new Runnable() {\n"
                + "            @Override\n"
                + "            public void run() {\n"
                + "                double inner = 3;\n"
                + "            }\n"
                + "        };\n"
                + "        java.util.function.DoubleUnaryOperator f = x -> x * acc;\n"
                + "        return f.applyAsDouble(acc) /* form\f feed\u2028sep\u0085nel\ttab */ + values.length;\n"
                + "    }\n\n"
                + "    static class Inner {\n"
                + "        private double scale = 2;\n\n"
                + "        double apply(double price, int count) {\n"
                + "            double base = price * scale;\n"
                + "            if (count > 2) {\n"
                + "                base = base + count;\n"
                + "            }\n"
                + "            return base;\n"
                + "        }\n"
                + "    }\n\n"
                + "    enum Mode {\n"
                + "        FAST, SLOW;\n\n"
                + "        double factor(double price) {\n"
                + "            double base = this == FAST ? price : price * 2;\n"
                + "            return base;\n"
                + "        }\n"
                + "    }\n\n"
                + "    record Point(double x, double y) {\n"
                + "        Point {\n"
                + "            double sum = x + y;\n"
                + "            if (sum < 0) {\n"
                + "                throw new IllegalArgumentException(\"negative\");\n"
                + "            }\n"
                + "        }\n\n"
                + "        double norm() {\n"
                + "            double sq = x * x + y * y;\n"
                + "            return Math.sqrt(sq);\n"
                + "        }\n"
                + "    }\n\n"
                + "    interface Shape {\n"
                + "        double area();\n\n"
                + "        default double twice(double price) {\n"
                + "            double base = area() * price;\n"
                + "            return base * 2;\n"
                + "        }\n"
                + "    }\n";
        int close = text.lastIndexOf('}');
        return text.substring(0, close) + extra + text.substring(close);
    }

    /** Changes line breaks to {@code with}, or to a random mix when {@code mixed}. */
    static String breaks(String text, String with, Random random, boolean mixed) {
        String[] choices = {"\n", "\r\n", "\r"};
        StringBuilder out = new StringBuilder(text.length() + text.length() / 20);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append(mixed ? choices[random.nextInt(choices.length)] : with);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
