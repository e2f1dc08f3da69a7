/** Opens read-only, pinned-setting connections to the compared servers and describes them. */
package io.pgparity.connect;
