import Domain
import Logging

/// A swift-log handler that passes every message through `MessageText.safe(_:)` before the handler it wraps
/// writes it: personnummer-shaped tokens masked, line breaks and escape sequences made visible, so a file
/// name or a cell can neither forge a log line nor drive the terminal.
package struct SafeLogHandler: LogHandler {
    var wrapped: any LogHandler

    package init(_ wrapped: any LogHandler) { self.wrapped = wrapped }

    package var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    package var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    package func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: MessageText.safe(event.message.description))
        wrapped.log(event: event)
    }
}
