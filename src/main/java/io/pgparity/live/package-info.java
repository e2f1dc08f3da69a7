/** Live replicas: WAL positions, what kind of replica this is, waiting for it and throttling. */
package io.pgparity.live;
