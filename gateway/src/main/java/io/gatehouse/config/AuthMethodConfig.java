package io.gatehouse.config;

/** The settings of one authentication method of an {@code auth} filter. */
public interface AuthMethodConfig {

    /** The method's name as written in {@code any-of}/{@code all-of}, e.g. {@code key-auth}. */
    String method();
}
