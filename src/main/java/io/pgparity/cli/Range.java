package io.pgparity.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole numbers an integer option allows; a value outside them (or no number at all) is one
 * line naming the option, the range and the value given.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Range {

  int min();

  int max() default Integer.MAX_VALUE;
}
