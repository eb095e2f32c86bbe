package dev.openai4k.internal

import java.security.SecureRandom
import javax.net.ssl.KeyManager
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLContextSpi
import javax.net.ssl.SSLEngine
import javax.net.ssl.SSLParameters
import javax.net.ssl.SSLServerSocketFactory
import javax.net.ssl.SSLSessionContext
import javax.net.ssl.SSLSocketFactory
import javax.net.ssl.TrustManager

/**
 * The JDK's default TLS context, set up on first use instead of when the client is built. java.net.http builds its
 * client around an `SSLContext` even for plain `http://`, and setting up the default one (the JSSE provider, cipher
 * suites and the cacerts trust store) takes about 0.2 s of a cold start. A client of a local plain-http server (Ollama,
 * vLLM, LM Studio) never pays it; one that is redirected to `https://` gets exactly the default context, certificate
 * checks included.
 */
internal object DeferredTls {
    /** A context delegating to [SSLContext.getDefault], resolved on the first TLS connection. */
    fun context(): SSLContext = object : SSLContext(Spi, null, "Default") {}

    /**
     * Handed to java.net.http with [context] so that it does not ask the context for its defaults up front; unset
     * fields leave each TLS engine on the default context's own settings. For HTTP/1.1 clients only: with no protocols
     * named, java.net.http does not offer HTTP/2 in ALPN.
     */
    fun parameters(): SSLParameters = SSLParameters()

    private object Spi : SSLContextSpi() {
        private val real: SSLContext by lazy { SSLContext.getDefault() }

        override fun engineInit(km: Array<out KeyManager>?, tm: Array<out TrustManager>?, sr: SecureRandom?) =
            throw java.security.KeyManagementException("The default SSLContext is initialised by the JDK")

        override fun engineGetSocketFactory(): SSLSocketFactory = real.socketFactory
        override fun engineGetServerSocketFactory(): SSLServerSocketFactory = real.serverSocketFactory
        override fun engineCreateSSLEngine(): SSLEngine = real.createSSLEngine()
        override fun engineCreateSSLEngine(host: String?, port: Int): SSLEngine = real.createSSLEngine(host, port)
        override fun engineGetServerSessionContext(): SSLSessionContext = real.serverSessionContext
        override fun engineGetClientSessionContext(): SSLSessionContext = real.clientSessionContext
        override fun engineGetDefaultSSLParameters(): SSLParameters = real.defaultSSLParameters
        override fun engineGetSupportedSSLParameters(): SSLParameters = real.supportedSSLParameters
    }
}
