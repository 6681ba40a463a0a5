package dev.marcom.swing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that opens windows: its tests run only where a display can really be
 * opened, and are skipped otherwise with one line saying why (see {@link DisplayCondition}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DisplayCondition.class)
@interface RequiresDisplay {}
