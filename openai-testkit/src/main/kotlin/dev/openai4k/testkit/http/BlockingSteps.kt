package dev.openai4k.testkit.http

import java.io.OutputStream

/**
 * Carries out an answer's [Step]s on a blocking socket, on the connection's own thread: writes, flushes, and waits
 * on [connection] (which wakes up when the client hangs up). It knows no reply kind and no fault: those are steps.
 */
internal class BlockingSteps(private val out: OutputStream, private val connection: Connection) {
    /**
     * Runs [steps]; returns whether the connection can carry another request.
     *
     * @throws ClientGoneException when the client hangs up before a pause ends.
     */
    fun run(steps: List<Step>): Boolean {
        for (step in steps) {
            when (step) {
                is Step.Send -> out.write(step.bytes)
                Step.Finished -> connection.finished()
                is Step.Pause -> {
                    out.flush()
                    if (connection.isClientGone || connection.awaitClientGone(step.millis)) throw ClientGoneException()
                }
                is Step.Close -> {
                    out.flush()
                    connection.close(step.reset)
                    return false
                }
            }
        }
        out.flush()
        return true
    }
}
