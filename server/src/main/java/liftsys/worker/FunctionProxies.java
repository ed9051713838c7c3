package liftsys.worker;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Random;

/**
 * Functions for parameters of a functional interface ({@code UnivariateFunction},
 * {@code Function<T, R>}, {@code Comparator<T>}): a {@link Proxy} whose one abstract method
 * computes {@code k * x + c} of its first numeric argument (k and c drawn per function from small
 * sets, so a function is affine and cheap, and different functions differ), returns its first
 * argument when the result has that argument's type, or a value drawn once per function for any
 * other result type. {@code equals}, {@code hashCode} and {@code toString} are identity's; default
 * methods run their own code. Worker side, JDK only.
 */
final class FunctionProxies {
    private static final double[] SLOPES = {-2, -1, 0.5, 1, 2, 3};
    private static final double[] OFFSETS = {-1, 0, 1, 2.5};

    private FunctionProxies() {
    }

    /** The one abstract method of an interface (not counting Object's), or null when it has none or several. */
    static Method singleAbstractMethod(Class<?> type) {
        if (!type.isInterface() || type.isAnnotation()) {
            return null;
        }
        Method found = null;
        for (Method m : type.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) {
                continue;
            }
            if (found != null && !(found.getName().equals(m.getName())
                    && java.util.Arrays.equals(found.getParameterTypes(), m.getParameterTypes()))) {
                return null;
            }
            found = m;
        }
        return found;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * A way to make functions of the interface; {@code result} draws a value of the method's result
     * type when it is neither a number, a boolean, nor the type of an argument (null when void, or
     * when it cannot be drawn: then such functions return null).
     */
    static BuildWays.Way way(Class<?> type, Method method, Samplers.Sampler result) {
        return new BuildWays.Way() {
            @Override
            public Object make(Random random, boolean nonNegative) {
                double k = SLOPES[random.nextInt(SLOPES.length)];
                double c = OFFSETS[random.nextInt(OFFSETS.length)];
                Object constant = result == null ? null : result.draw(random);
                InvocationHandler handler = (proxy, m, args) -> {
                    if (m.getDeclaringClass() == Object.class) {
                        return switch (m.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "x -> " + k + " * x + " + c;
                        };
                    }
                    if (m.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, m, args);
                    }
                    return apply(m.getReturnType(), args, k, c, constant);
                };
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
            }

            @Override
            public String label() {
                return "a function x -> k * x + c (" + type.getSimpleName() + "." + method.getName() + ")";
            }
        };
    }

    private static Object apply(Class<?> returns, Object[] args, double k, double c, Object constant) {
        if (returns == void.class) {
            return null;
        }
        double x = 0;
        Object same = null;
        boolean numeric = false;
        if (args != null) {
            for (Object a : args) {
                if (!numeric && a instanceof Number n) {
                    x = n.doubleValue();
                    numeric = true;
                } else if (!numeric && a instanceof Character ch) {
                    x = ch;
                    numeric = true;
                }
                if (same == null && a != null && box(returns).isInstance(a)) {
                    same = a;
                }
            }
        }
        double y = k * x + c;
        Class<?> r = box(returns);
        if (r == Double.class) {
            return y;
        }
        if (r == Float.class) {
            return (float) y;
        }
        if (r == Long.class) {
            return (long) y;
        }
        if (r == Integer.class) {
            return (int) y;
        }
        if (r == Short.class) {
            return (short) y;
        }
        if (r == Byte.class) {
            return (byte) y;
        }
        if (r == Boolean.class) {
            return y > 0;
        }
        if (r == Character.class) {
            return (char) Math.max(0, Math.min(Character.MAX_VALUE, 'a' + Math.abs((int) y) % 26));
        }
        if (same != null) {
            return same;
        }
        return constant;
    }

    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }
}
