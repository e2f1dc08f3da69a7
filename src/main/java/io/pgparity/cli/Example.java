package io.pgparity.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How to give an option its value, e.g. {@code --max-lag 64MB}: the remedy of "--max-lag needs a
 * value, e.g. ...".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Example {

  /** The option with a typical value. */
  String value();

  /** What the option needs, for the message when it has none. */
  String needs() default "a value";
}
