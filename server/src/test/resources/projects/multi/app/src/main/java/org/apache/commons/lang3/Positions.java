package org.apache.commons.lang3;

/**
 * In the dependency's own package, so it may call CharSequenceUtils.indexOf, which is
 * package-private: this works only when it is loaded by the class loader of commons-lang3's classes.
 */
public class Positions {
    public static int firstDigit(int start) {
        return CharSequenceUtils.indexOf("abc1def2", '1', start);
    }
}
