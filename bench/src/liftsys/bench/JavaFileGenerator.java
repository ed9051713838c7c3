package liftsys.bench;

import java.util.Random;

/**
 * Makes a Java file of about the asked number of lines: one class with fields and realistic
 * methods (branches, loops, a switch, calls to neighbours, field reads and writes).
 */
final class JavaFileGenerator {
    /** Lines of one generated method, so callers can find positions inside methods. */
    static final int METHOD_LINES = 24;

    private JavaFileGenerator() {
    }

    static String generate(int lines, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder();
        b.append("package bench;\n\n");
        b.append("public class Generated").append(lines).append(" {\n");
        b.append("    private double rate = 0.25;\n");
        b.append("    private int limit = 40;\n");
        b.append("    private long total;\n\n");
        int methods = Math.max(1, (lines - 8) / (METHOD_LINES + 1));
        for (int m = 0; m < methods; m++) {
            method(b, m, random);
        }
        b.append("}\n");
        return b.toString();
    }

    private static void method(StringBuilder b, int m, Random random) {
        int k = 2 + random.nextInt(20);
        b.append("    double compute").append(m).append("(double price, int count, double bonus) {\n");
        b.append("        double base = price * count + ").append(k).append(";\n");
        b.append("        double scaled = base * rate;\n");
        b.append("        int steps = count % ").append(k + 3).append(";\n");
        b.append("        double acc = 0.0;\n");
        b.append("        for (int i = 0; i < steps; i++) {\n");
        b.append("            acc += scaled / (i + 1);\n");
        b.append("        }\n");
        b.append("        if (acc > ").append(k * 10).append(" && count < limit) {\n");
        b.append("            bonus = bonus + acc * 0.1;\n");
        b.append("        } else {\n");
        b.append("            bonus = bonus - 1;\n");
        b.append("        }\n");
        b.append("        int level = 0;\n");
        b.append("        while (level < 3 && bonus > level) {\n");
        b.append("            level++;\n");
        b.append("        }\n");
        b.append("        double adjust = switch (level) {\n");
        b.append("            case 0 -> 1.0;\n");
        b.append("            case 1 -> 1.5;\n");
        b.append("            default -> Math.max(2.0, bonus);\n");
        b.append("        };\n");
        b.append("        total += (long) adjust;\n");
        b.append("        return ").append(m > 0 ? "compute" + (m - 1) + "(adjust, steps, bonus) + " : "")
                .append("scaled * adjust + bonus;\n");
        b.append("    }\n\n");
    }
}
