/// One attribute of a CI type: its key, names, kind and whether it must be filled in.
public struct AttributeDefinition: Codable, Sendable, Equatable {
    public var key: String
    public var zh: String
    public var en: String
    public var kind: AttributeKind
    public var required: Bool

    public init(_ key: String, _ zh: String, _ en: String, _ kind: AttributeKind = .text, required: Bool = false) {
        self.key = key
        self.zh = zh
        self.en = en
        self.kind = kind
        self.required = required
    }

    public func name(in language: AppLanguage) -> String { language == .en ? en : zh }
}

/// A kind of configuration item and its own attributes. Types are data: the built-in ones are
/// seeded by a migration, and an admin may add attributes or types without a code change.
public struct CITypeDefinition: Codable, Sendable, Equatable {
    public var key: String
    public var zh: String
    public var en: String
    public var domain: CIDomain
    public var attributes: [AttributeDefinition]

    public init(_ key: String, _ zh: String, _ en: String, _ domain: CIDomain, _ attributes: [AttributeDefinition] = []) {
        self.key = key
        self.zh = zh
        self.en = en
        self.domain = domain
        self.attributes = attributes
    }

    public func name(in language: AppLanguage) -> String { language == .en ? en : zh }

    /// Checks and normalises a CI's custom attributes against this type: unknown keys,
    /// missing required ones and badly formed values are all reported, each with its key.
    public func validate(_ values: [String: String]) -> Result<[String: String], AttributeErrors> {
        var clean: [String: String] = [:]
        var problems: [(key: String, problem: AttributeProblem)] = []
        let known = Dictionary(uniqueKeysWithValues: attributes.map { ($0.key, $0) })
        for (key, raw) in values.sorted(by: { $0.key < $1.key }) {
            guard let definition = known[key] else { problems.append((key, .unknownAttribute)); continue }
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            switch definition.kind.normalize(raw) {
            case .success(let value): clean[key] = value
            case .failure(let problem): problems.append((key, problem))
            }
        }
        for definition in attributes where definition.required && clean[definition.key] == nil
            && !problems.contains(where: { $0.key == definition.key }) {
            problems.append((definition.key, .required))
        }
        return problems.isEmpty ? .success(clean) : .failure(AttributeErrors(problems: problems))
    }
}

/// Every attribute problem of one CI, in key order.
public struct AttributeErrors: Error, Sendable, Equatable {
    public var problems: [(key: String, problem: AttributeProblem)]

    public static func == (a: AttributeErrors, b: AttributeErrors) -> Bool {
        a.problems.map(\.key) == b.problems.map(\.key) && a.problems.map(\.problem) == b.problems.map(\.problem)
    }
}
