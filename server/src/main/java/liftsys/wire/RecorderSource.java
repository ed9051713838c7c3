package liftsys.wire;

/**
 * The source of the recorder that instrumented code calls, compiled with the document (so the
 * traced code needs nothing of liftsys on its class path). {@code $ls.a(slot, var, value)} records
 * a definition's value and returns it unchanged; {@code p} is the postfix form (records the new
 * value, returns the old), {@code m} records a variable after an expression that changed it
 * (element or member writes, mutating calls), {@code t} records a pattern variable inside
 * {@code instanceof}, and {@code x(slot, value)} changes a hooked definition as the intervention says (a String to
 * the intervention's text), {@code e(region)} copies the variables' current values into the slots of
 * the definitions of a conditional region on entry, so a definition that does not run keeps its
 * variable's previous value. Kind codes are {@link ValueKind}'s. {@code x(slot, value)} applies the
 * intervention to a hooked definition: a shift, a set, or (mode 3) the value execution {@code n[0]}
 * takes from the slot's table, an experiment's draw independent of the definition's inputs. Every
 * recorded definition marks its slot in {@code wrote}, so the worker can tell which conditional
 * definitions ran in an execution (the copies of {@code e} do not mark).
 */
public final class RecorderSource {
    public static final String PACKAGE = "$liftsys";
    public static final String CLASS = PACKAGE + ".R";
    public static final String PATH = PACKAGE + "/R.java";

    public static final String TEXT = """
            package $liftsys;

            public final class R {
                private final double[] row;
                private final double[] cur;
                private final byte[] kind;
                private final byte[] seen;
                private final int[][] regions;
                private final java.util.Map<String, Integer> dict;
                private final boolean[] forced;
                private final boolean shift;
                private final double amount;
                private final double[][] table;
                private final int[] n;
                private final boolean[] wrote;
                private final String text;
                private final String[] named;
                private final java.util.Map<Class<?>, java.util.Optional<java.lang.reflect.Method>> numbers =
                        new java.util.HashMap<>();

                public R(double[] row, double[] cur, byte[] kind, byte[] seen, int[][] regions,
                         java.util.Map<String, Integer> dict, boolean[] forced, int mode, double amount,
                         double[][] table, int[] n, boolean[] wrote, String text, String[] named) {
                    this.row = row;
                    this.cur = cur;
                    this.kind = kind;
                    this.seen = seen;
                    this.regions = regions;
                    this.dict = dict;
                    this.forced = forced;
                    this.shift = mode == 1;
                    this.amount = mode == 3 ? Double.NaN : amount;
                    this.table = mode == 3 ? table : null;
                    this.n = n;
                    this.wrote = wrote;
                    this.text = text;
                    this.named = named;
                }

                private double drawn(int s) { double[] t = table[s]; return t[n[0] % t.length]; }
                private long fl(int s, long v) {
                    return table != null ? (long) drawn(s) : shift ? v + (long) amount : (long) amount;
                }
                private double fd(int s, double v) {
                    return table != null ? drawn(s) : shift ? v + amount : amount;
                }
                public byte x(int s, byte v) { return forced[s] ? (byte) fl(s, v) : v; }
                public short x(int s, short v) { return forced[s] ? (short) fl(s, v) : v; }
                public int x(int s, int v) { return forced[s] ? (int) fl(s, v) : v; }
                public long x(int s, long v) { return forced[s] ? fl(s, v) : v; }
                public float x(int s, float v) {
                    return forced[s] ? (table != null ? (float) drawn(s) : shift ? v + (float) amount : (float) amount) : v;
                }
                public double x(int s, double v) { return forced[s] ? fd(s, v) : v; }
                public boolean x(int s, boolean v) { return forced[s] ? (table != null ? drawn(s) != 0 : amount != 0) : v; }
                public char x(int s, char v) { return forced[s] ? (char) fl(s, v) : v; }
                public String x(int s, String v) { return forced[s] && text != null ? text : v; }

                public void e(int region) {
                    int[] r = regions[region];
                    for (int i = 0; i < r.length; i += 2) {
                        row[r[i]] = cur[r[i + 1]];
                    }
                }

                private void put(int s, int v, double d, byte k) {
                    wrote[s] = true;
                    row[s] = d;
                    cur[v] = d;
                    if (seen[v] == 0) {
                        seen[v] = k;
                    }
                }

                public boolean a(int s, int v, boolean x) { put(s, v, x ? 1 : 0, (byte) 2); return x; }
                public byte a(int s, int v, byte x) { put(s, v, x, (byte) 1); return x; }
                public short a(int s, int v, short x) { put(s, v, x, (byte) 1); return x; }
                public char a(int s, int v, char x) { put(s, v, x, (byte) 3); return x; }
                public int a(int s, int v, int x) { put(s, v, x, (byte) 1); return x; }
                public long a(int s, int v, long x) { put(s, v, x, (byte) 1); return x; }
                public float a(int s, int v, float x) { put(s, v, x, (byte) 1); return x; }
                public double a(int s, int v, double x) { put(s, v, x, (byte) 1); return x; }
                public <T> T a(int s, int v, T x) { object(s, v, x); return x; }

                public byte p(int s, int v, byte old, byte now) { a(s, v, now); return old; }
                public short p(int s, int v, short old, short now) { a(s, v, now); return old; }
                public char p(int s, int v, char old, char now) { a(s, v, now); return old; }
                public int p(int s, int v, int old, int now) { a(s, v, now); return old; }
                public long p(int s, int v, long old, long now) { a(s, v, now); return old; }
                public float p(int s, int v, float old, float now) { a(s, v, now); return old; }
                public double p(int s, int v, double old, double now) { a(s, v, now); return old; }
                public <T> T p(int s, int v, T old, T now) { object(s, v, now); return old; }

                public boolean m(boolean r, int s, int v, Object now) { object(s, v, now); return r; }
                public byte m(byte r, int s, int v, Object now) { object(s, v, now); return r; }
                public short m(short r, int s, int v, Object now) { object(s, v, now); return r; }
                public char m(char r, int s, int v, Object now) { object(s, v, now); return r; }
                public int m(int r, int s, int v, Object now) { object(s, v, now); return r; }
                public long m(long r, int s, int v, Object now) { object(s, v, now); return r; }
                public float m(float r, int s, int v, Object now) { object(s, v, now); return r; }
                public double m(double r, int s, int v, Object now) { object(s, v, now); return r; }
                public <T> T m(T r, int s, int v, Object now) { object(s, v, now); return r; }

                public boolean t(int s, int v, Object x) { object(s, v, x); return true; }

                private void object(int s, int v, Object x) {
                    if (x == null) {
                        byte k = seen[v] != 0 ? seen[v] : kind[v];
                        double d = k == 1 || k == 2 || k == 9 ? Double.NaN : k == 0 || k == 7 ? 0 : -1;
                        wrote[s] = true;
                        row[s] = d;
                        cur[v] = d;
                    } else if (x instanceof Number n) {
                        put(s, v, n.doubleValue(), (byte) 1);
                    } else if (x instanceof Boolean b) {
                        put(s, v, b ? 1 : 0, (byte) 2);
                    } else if (x instanceof Character c) {
                        put(s, v, c, (byte) 3);
                    } else if (x instanceof String str) {
                        Integer code = dict.get(str);
                        if (code == null) {
                            code = dict.size();
                            dict.put(str, code);
                        }
                        put(s, v, code, (byte) 4);
                    } else if (x instanceof Enum<?> en) {
                        put(s, v, en.ordinal(), (byte) 5);
                    } else if (x.getClass().isArray()) {
                        put(s, v, java.lang.reflect.Array.getLength(x), (byte) 6);
                    } else if (x instanceof java.util.Collection<?> c) {
                        put(s, v, c.size(), (byte) 8);
                    } else if (x instanceof java.util.Map<?, ?> m) {
                        put(s, v, m.size(), (byte) 8);
                    } else if (x instanceof CharSequence cs) {
                        put(s, v, cs.length(), (byte) 6);
                    } else {
                        java.lang.reflect.Method m = seen[v] == 7 ? null : number(x.getClass());
                        if (m == null) {
                            put(s, v, seen[v] == 9 ? Double.NaN : 1, seen[v] == 9 ? (byte) 9 : (byte) 7);
                        } else {
                            double d;
                            try {
                                d = ((Number) m.invoke(x)).doubleValue();
                            } catch (Throwable failed) {
                                d = Double.NaN;
                            }
                            put(s, v, d, (byte) 9);
                            if (named[v] == null) {
                                named[v] = m.getName();
                            }
                        }
                    }
                }

                /** The number an object has, by the first of these accessors it offers: its value, then its size. */
                private java.lang.reflect.Method number(Class<?> c) {
                    return numbers.computeIfAbsent(c, type -> {
                        for (String name : new String[] {"getValue", "getReal", "value", "size", "length", "getN",
                                "getDimension", "getRowDimension", "getResult", "getTimeInMillis", "getNorm"}) {
                            try {
                                java.lang.reflect.Method m = type.getMethod(name);
                                Class<?> r = m.getReturnType();
                                boolean number = r == double.class || r == float.class || r == long.class
                                        || r == int.class || r == short.class || r == byte.class;
                                if (number && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                                        && m.trySetAccessible()) {
                                    return java.util.Optional.of(m);
                                }
                            } catch (NoSuchMethodException | RuntimeException absent) {
                                // Try the next name.
                            }
                        }
                        return java.util.Optional.empty();
                    }).orElse(null);
                }
            }
            """;

    private RecorderSource() {
    }
}
