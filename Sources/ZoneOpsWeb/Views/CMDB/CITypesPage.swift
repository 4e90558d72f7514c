import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The CI types and their attributes; admins add attributes here without a code change.
struct CITypesPage {
    var types: [CITypeModel]
    var canConfigure: Bool
    var error: String?

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let language = request.language
        let kinds: [(value: String, label: String)] = [
            ("text", request.t(.kindText)), ("integer", request.t(.kindInteger)), ("decimal", request.t(.kindDecimal)),
            ("date", request.t(.kindDate)), ("boolean", request.t(.kindBoolean)), ("ipAddress", request.t(.kindIP)),
            ("customsCameraCode", request.t(.kindCameraCode)), ("choice", request.t(.kindChoice)),
        ]
        return .group(
            .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
            .group(types.map { type in
                let definition = type.definition
                return .section(.class("card"),
                    .h2(.text(definition.name(in: language) + " "), .span(.class("muted"), .text(type.key))),
                    .ul(.class("attributes"), .group(definition.attributes.map { attribute in
                        .li(.text(attribute.name(in: language)),
                            .span(.class("muted"), .text(" \(attribute.key) · \(Catalog.shared.text(attribute.kind.label, language))"
                                + (attribute.required ? " · " + request.t(.attributeRequired) : ""))))
                    })),
                    .if(canConfigure, .element(named: "details", nodes: [
                        .element(named: "summary", text: request.t(.addAttribute)),
                        Field.form(SiteURL.ciTypeAttributes(type.key).path, csrf: request.csrfToken,
                                   .div(.class("grid"),
                                        Field.text("key", label: request.t(.attributeKey), required: true, hint: request.t(.attributeKeyHint)),
                                        Field.text("zh", label: request.t(.attributeNameZh), required: true),
                                        Field.text("en", label: request.t(.attributeNameEn)),
                                        Field.select("kind", label: request.t(.attributeKindLabel), options: kinds, selected: "text"),
                                        Field.text("options", label: request.t(.attributeOptions), hint: request.t(.attributeOptionsHint)),
                                        Field.select("required", label: request.t(.attributeRequired),
                                                     options: [("false", request.t(.no)), ("true", request.t(.yes))], selected: "false")),
                                   Field.submit(request.t(.addAttribute))),
                    ])))
            }))
    }
}
