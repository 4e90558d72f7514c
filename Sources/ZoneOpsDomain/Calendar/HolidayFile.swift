/// A year's holiday notice as a file: one day per line, `date,kind,name`, where kind is
/// `holiday`/`休` or `workday`/`班` (a make-up working day). Dates as people type them
/// (2027-01-01, 2027/1/1, 2027年1月1日). Blank lines and `#` comments are skipped; a header line
/// starting with "date" or "日期" too. Every bad line is reported, none is guessed.
public enum HolidayFile {
    public struct Entry: Sendable, Equatable {
        public var day: CalendarDate
        public var kind: DayKind
        public var name: String

        public init(day: CalendarDate, kind: DayKind, name: String) {
            self.day = day
            self.kind = kind
            self.name = name
        }
    }

    public struct LineError: Sendable, Equatable {
        public var line: Int
        public var text: TextKey

        public init(line: Int, text: TextKey) {
            self.line = line
            self.text = text
        }
    }

    /// What a file would change against the days already stored.
    public enum Change: Sendable, Equatable {
        case added(Entry)
        case changed(from: Entry, to: Entry)
        case unchanged(Entry)
    }

    public static let maxLines = 1000

    public static func parse(_ text: String) -> (entries: [Entry], errors: [LineError]) {
        var entries: [Entry] = [], errors: [LineError] = []
        var seen: Set<CalendarDate> = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.count > maxLines { return ([], [LineError(line: maxLines + 1, text: .calendarFileTooLong)]) }
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: line.contains("\t") ? "\t" : ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if index == 0, let first = fields.first?.lowercased(), first.hasPrefix("date") || first.hasPrefix("日期") { continue }
            guard fields.count >= 2 else { errors.append(LineError(line: index + 1, text: .calendarLineShape)); continue }
            guard let day = CalendarDate(parsing: fields[0]) else { errors.append(LineError(line: index + 1, text: .calendarBadDate)); continue }
            guard let kind = kind(fields[1]) else { errors.append(LineError(line: index + 1, text: .calendarBadKind)); continue }
            guard seen.insert(day).inserted else { errors.append(LineError(line: index + 1, text: .calendarDuplicateDay)); continue }
            let name = fields.count > 2 ? String(fields[2].prefix(30)) : ""
            entries.append(Entry(day: day, kind: kind, name: name))
        }
        return (entries.sorted { $0.day < $1.day }, errors)
    }

    static func kind(_ text: String) -> DayKind? {
        switch text.lowercased() {
        case "holiday", "休", "假", "休息", "off": .holiday
        case "workday", "班", "上班", "调休上班", "work": .workday
        default: nil
        }
    }

    public static func diff(_ entries: [Entry], against stored: [CalendarDate: Entry]) -> [Change] {
        entries.map { entry in
            guard let old = stored[entry.day] else { return .added(entry) }
            return old.kind == entry.kind && old.name == entry.name ? .unchanged(entry) : .changed(from: old, to: entry)
        }
    }
}
