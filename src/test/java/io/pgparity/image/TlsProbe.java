package io.pgparity.image;

import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Run inside the image by ImageProcessTests: what a TLS connection to PostgreSQL (or a Pushgateway)
 * needs from the runtime, i.e. the EC key exchange, TLS 1.3 and a trust store. Prints one line per
 * check and exits non-zero at the first missing piece.
 */
public final class TlsProbe {

  private TlsProbe() {}

  public static void main(String[] args) throws Exception {
    // ECDHE, the key exchange of every modern TLS suite, lives in jdk.crypto.ec on Java 17
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    ecdh.init(KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate());
    KeyPairGenerator.getInstance("X25519").generateKeyPair();
    System.out.println("ecdh ok");

    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, null, null);
    SSLEngine engine = tls.createSSLEngine("db.example.com", 5432);
    engine.setUseClientMode(true);
    engine.beginHandshake();
    boolean ecdhe =
        Arrays.stream(engine.getEnabledCipherSuites()).anyMatch(s -> s.contains("ECDHE"));
    if (!ecdhe || !Arrays.asList(engine.getEnabledProtocols()).contains("TLSv1.3")) {
      throw new IllegalStateException(
          "TLS 1.3 with ECDHE suites unavailable; protocols: "
              + Arrays.toString(engine.getEnabledProtocols()));
    }
    System.out.println("tls13 ok");

    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init((KeyStore) null);
    int roots = ((X509TrustManager) trust.getTrustManagers()[0]).getAcceptedIssuers().length;
    System.out.println("trusted roots " + roots);
  }
}
