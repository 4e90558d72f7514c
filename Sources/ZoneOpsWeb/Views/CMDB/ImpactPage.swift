import Foundation
import Plot
import ZoneOpsDomain

/// What fails with a CI, nearest first, each with the chain of relations that carries it.
struct ImpactPage {
    var ciId: String
    var ciName: String
    var impact: ImpactDTO
    var typeNames: [String: String]

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        return .section(.class("card"),
            .h1(.text(Catalog.shared.format(.impactTitle, language, ciName))),
            impact.items.isEmpty
                ? .p(.text(view.t(.impactNone)))
                : .p(.text(Catalog.shared.format(.impactSummary, language, ciName, String(impact.total),
                                                 String(impact.milliseconds)))),
            .if(!impact.byType.isEmpty, .p(.class("muted"), .text(impact.byType.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\(typeNames[$0.key] ?? $0.key) \($0.value)" }.joined(separator: " · ")))),
            .if(impact.items.count < impact.total,
                .p(.class("muted"), .text(Catalog.shared.format(.impactShowing, language, String(impact.items.count))))),
            .ol(.class("impact"), .group(impact.items.map { item in
                let name: Node<HTML.BodyContext> = .link(SiteURL.ci(item.id).path, item.name)
                let kind: Node<HTML.BodyContext> = .span(.class("muted"), .text(" " + (typeNames[item.type] ?? item.type) + " "))
                let state: Node<HTML.BodyContext> = StateBadge.node(OperationalState(rawValue: item.state) ?? .unknown, language)
                let path: Node<HTML.BodyContext> = .div(.class("path muted"), .text(Self.path(item, language)))
                return .li(name, kind, state, path)
            })),
            .link(SiteURL.ci(ciId).path, "‹ " + ciName, class: "button"))
    }

    /// "核心交换机 ←连接到— 接入交换机 ←连接到— 摄像机"
    static func path(_ item: ImpactDTO.Item, _ language: AppLanguage) -> String {
        var text = item.pathNames.first ?? ""
        for (index, name) in item.pathNames.dropFirst().enumerated() {
            let relation = RelationType(rawValue: item.via[index]).map { Catalog.shared.text($0.label, language) } ?? item.via[index]
            text += " ← \(relation) — \(name)"
        }
        return text
    }
}
