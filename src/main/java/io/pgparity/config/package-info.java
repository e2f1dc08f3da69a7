/** Job definitions: the strict YAML loader, command-line overrides and credential resolution. */
package io.pgparity.config;
