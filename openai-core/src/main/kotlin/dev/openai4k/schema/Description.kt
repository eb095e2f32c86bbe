package dev.openai4k.schema

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SerialInfo

/**
 * A description for the JSON schema derived from a `@Serializable` class ([JsonSchemas]): on a class it describes
 * the object, on a property it describes that property. The model reads it, so say what the value means.
 *
 * ```kotlin
 * @Serializable
 * data class Weather(@Description("City name, e.g. Paris") val city: String)
 * ```
 */
@OptIn(ExperimentalSerializationApi::class)
@SerialInfo
@Target(AnnotationTarget.PROPERTY, AnnotationTarget.CLASS)
@Retention(AnnotationRetention.BINARY)
public annotation class Description(
    /** The description. */
    val value: String,
)
