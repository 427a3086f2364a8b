package io.github.fbtools.core.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in
 * Python's layout ({@code 1.0}, {@code 0.0001}, {@code 1e-05}, {@code 1e+16}). Stateless and
 * thread-safe.
 */
final class PythonFloat {
  private PythonFloat() {}

  /**
   * Formats a double as Python's {@code repr(float)} does.
   *
   * @param d a finite double
   * @param path where the value sits, for the error message
   * @return the text
   * @throws IllegalArgumentException for NaN and infinities
   */
  static String repr(double d, String path) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(
          "JSON cannot represent " + d + " at " + (path.isEmpty() ? "/" : path));
    }
    if (d == 0.0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      // An integral value below 10^15 has at most 15 digits: its shortest form is itself.
      return Long.toString((long) d) + ".0";
    }
    BigDecimal bd = shortestDecimal(Math.abs(d));
    String digits = bd.unscaledValue().toString();
    int sciExp = digits.length() - 1 - bd.scale();
    StringBuilder sb = new StringBuilder(24);
    if (d < 0) {
      sb.append('-');
    }
    if (sciExp >= -4 && sciExp < 16) {
      String plain = bd.toPlainString();
      sb.append(plain);
      if (plain.indexOf('.') < 0) {
        sb.append(".0");
      }
    } else {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(sciExp < 0 ? '-' : '+');
      int abs = Math.abs(sciExp);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    }
    return sb.toString();
  }

  /**
   * The shortest decimal that reads back as {@code d} (correctly rounded), as Python's repr and
   * Java 19+'s {@code Double.toString} produce; Java 17's {@code Double.toString} is not always
   * shortest (it gives {@code 4.9E-324} for {@code Double.MIN_VALUE}).
   */
  private static BigDecimal shortestDecimal(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
