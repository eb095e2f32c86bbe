package dev.openai4k.internal

import io.ktor.utils.io.ByteReadChannel
import io.ktor.utils.io.readAvailable
import java.nio.ByteBuffer
import java.util.concurrent.Flow
import java.util.concurrent.atomic.AtomicLong
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch

/**
 * A request body read from a [ByteReadChannel] and published to java.net.http as it asks for it, without blocking a
 * thread. Each subscription opens the content anew.
 */
internal class ChannelPublisher(
    private val context: CoroutineContext,
    private val open: () -> ByteReadChannel,
) : Flow.Publisher<ByteBuffer> {
    override fun subscribe(subscriber: Flow.Subscriber<in ByteBuffer>) {
        val demand = AtomicLong()
        val wake = Channel<Unit>(Channel.CONFLATED)
        val job = CoroutineScope(context + Dispatchers.IO).launch(start = CoroutineStart.LAZY) {
            val source = open()
            try {
                while (true) {
                    while (demand.get() == 0L) wake.receive()
                    val chunk = ByteArray(CHUNK)
                    val n = source.readAvailable(chunk, 0, chunk.size)
                    if (n < 0) {
                        source.closedCause?.let { throw it }
                        break
                    }
                    if (n == 0) continue
                    demand.decrementAndGet()
                    subscriber.onNext(ByteBuffer.wrap(chunk, 0, n))
                }
                subscriber.onComplete()
            } catch (e: CancellationException) {
                source.cancel(e)
                throw e
            } catch (e: Throwable) {
                source.cancel(e)
                subscriber.onError(e)
            }
        }
        subscriber.onSubscribe(object : Flow.Subscription {
            override fun request(n: Long) {
                if (n <= 0) {
                    job.cancel()
                    subscriber.onError(IllegalArgumentException("Requested $n items (must be positive)"))
                    return
                }
                demand.getAndUpdate { d -> if (d + n < 0) Long.MAX_VALUE else d + n }
                wake.trySend(Unit)
            }

            override fun cancel() {
                job.cancel()
            }
        })
        job.start()
    }

    private companion object {
        const val CHUNK = 16 * 1024
    }
}
