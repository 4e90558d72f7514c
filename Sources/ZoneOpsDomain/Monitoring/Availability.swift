import Foundation

/// A half-open stretch of time [start, end).
public struct TimeSpan: Sendable, Equatable, Codable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = max(start, end)
    }

    public var seconds: TimeInterval { end.timeIntervalSince(start) }

    public func clamped(to other: TimeSpan) -> TimeSpan? {
        let s = max(start, other.start), e = min(end, other.end)
        return s < e ? TimeSpan(start: s, end: e) : nil
    }
}

/// DOMAIN.md: availability = (agreed minutes − unplanned downtime) / agreed minutes, approved
/// maintenance excluded from both. Lanes and video are agreed 24x7; so is everything here until
/// service hours per CI are configured, which the caller expresses as `agreed` spans.
public enum Availability {
    public struct Figure: Sendable, Equatable, Codable {
        /// Agreed seconds with maintenance taken out.
        public var agreedSeconds: Double
        public var downSeconds: Double
        public var maintenanceSeconds: Double
        /// 0…1; nil when nothing was agreed (all maintenance, or an empty period).
        public var ratio: Double?

        public static func + (a: Figure, b: Figure) -> Figure {
            let agreed = a.agreedSeconds + b.agreedSeconds, down = a.downSeconds + b.downSeconds
            return Figure(agreedSeconds: agreed, downSeconds: down, maintenanceSeconds: a.maintenanceSeconds + b.maintenanceSeconds,
                          ratio: agreed > 0 ? (agreed - down) / agreed : nil)
        }

        public static let empty = Figure(agreedSeconds: 0, downSeconds: 0, maintenanceSeconds: 0, ratio: nil)
    }

    /// Sorted, merged, non-overlapping spans.
    public static func merged(_ spans: [TimeSpan]) -> [TimeSpan] {
        var result: [TimeSpan] = []
        for span in spans.sorted(by: { $0.start < $1.start }) where span.start < span.end {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1].end = max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// `spans` minus `removed`.
    public static func subtract(_ spans: [TimeSpan], _ removed: [TimeSpan]) -> [TimeSpan] {
        let cut = merged(removed)
        var result: [TimeSpan] = []
        for span in merged(spans) {
            var pieces = [span]
            for hole in cut {
                pieces = pieces.flatMap { piece -> [TimeSpan] in
                    guard hole.start < piece.end, hole.end > piece.start else { return [piece] }
                    var parts: [TimeSpan] = []
                    if hole.start > piece.start { parts.append(TimeSpan(start: piece.start, end: hole.start)) }
                    if hole.end < piece.end { parts.append(TimeSpan(start: hole.end, end: piece.end)) }
                    return parts
                }
            }
            result += pieces
        }
        return result
    }

    public static func total(_ spans: [TimeSpan]) -> Double { merged(spans).reduce(0) { $0 + $1.seconds } }

    /// One CI over `period`: agreed time (the whole period unless given) less maintenance, and the
    /// downtime inside what is left.
    public static func figure(period: TimeSpan, agreed: [TimeSpan]? = nil, down: [TimeSpan], maintenance: [TimeSpan]) -> Figure {
        let agreedSpans = (agreed ?? [period]).compactMap { $0.clamped(to: period) }
        let inAgreed = subtract(agreedSpans, maintenance)
        let agreedSeconds = total(inAgreed)
        let maintenanceSeconds = total(agreedSpans) - agreedSeconds
        let downSeconds = total(merged(down).flatMap { d in inAgreed.compactMap { d.clamped(to: $0) } })
        return Figure(agreedSeconds: agreedSeconds, downSeconds: downSeconds, maintenanceSeconds: maintenanceSeconds,
                      ratio: agreedSeconds > 0 ? (agreedSeconds - downSeconds) / agreedSeconds : nil)
    }

    /// Spans a CI was down, from its state history (oldest first): each `down` until the next
    /// other state; the last runs to `until`. `before` is the state the CI had at the period's start.
    public static func downSpans(history: [(at: Date, state: OperationalState)], before: OperationalState?, period: TimeSpan) -> [TimeSpan] {
        var spans: [TimeSpan] = []
        var downSince: Date? = before == .down ? period.start : nil
        for change in history.sorted(by: { $0.at < $1.at }) {
            if change.state == .down {
                if downSince == nil { downSince = max(change.at, period.start) }
            } else if let since = downSince {
                spans.append(TimeSpan(start: since, end: min(change.at, period.end)))
                downSince = nil
            }
        }
        if let since = downSince { spans.append(TimeSpan(start: since, end: period.end)) }
        return spans.filter { $0.start < $0.end }
    }
}
