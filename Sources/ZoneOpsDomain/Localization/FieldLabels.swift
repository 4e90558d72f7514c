/// The label a person reads for a field an error names by its key: "IP地址" for `ip`, "海关视频编码"
/// for `attributes.customsCode`, "数量" for `quantity`. Keys stay in the API's JSON (`field`);
/// messages and forms use these labels. Unknown keys are shown as they are.
public enum FieldLabels {
    static let fixed: [String: TextKey] = [
        "username": .username, "password": .password, "newPassword": .newPassword, "repeatPassword": .repeatPassword, "displayName": .displayName,
        "role": .role, "organizationId": .organization, "kind": .organizationKind, "name": .name, "language": .language,
        "validDays": .tokenExpiresDays, "quantity": .spareQuantity, "partModel": .sparePartModel, "minimum": .spareMinimum,
        "ci": .spareCI, "note": .spareNote, "location": .fieldLocation, "parentId": .locationParent, "code": .locationCode,
        "target": .relationTarget, "targetId": .relationTarget, "key": .attributeKey, "zh": .attributeNameZh,
        "options": .attributeOptions, "file": .importFile, "hotline": .settingsHotline, "hours": .settingsHours,
        "email": .settingsEmail, "mobile": .mobile, "from": .auditFrom, "to": .auditTo, "currentPassword": .currentPassword, "body": .requestBody,
        // Incidents and the service desk
        "title": .incFieldTitle, "description": .incFieldDescription, "impact": .incFieldImpact, "urgency": .incFieldUrgency,
        "requesterName": .incFieldRequester, "requesterPhone": .incFieldRequesterPhone, "ciId": .incFieldCI, "category": .incFieldCategory,
        "businessSystem": .incFieldBusinessSystem, "assignee": .incFieldAssignee, "group": .incFieldGroup, "reason": .incFieldReason,
        "resolution": .incFieldResolution, "rating": .incFieldRating, "comment": .incFieldComment, "parent": .incFieldParent,
        "pendingReason": .incFieldPendingReason, "channel": .incFieldChannel, "status": .incFieldStatus, "priority": .incFieldPriority,
        "phone": .hotlinePhone, "callerName": .hotlineCaller, "summary": .hotlineSummary, "result": .hotlineResult,
        "screenshot": .attachmentFile, "arrivedAt": .slipArrivedAt, "restoredAt": .slipRestoredAt, "symptom": .slipSymptom,
        "diagnosis": .slipDiagnosis, "serials": .slipSerials, "part": .slipPart, "followUp": .slipFollowUp,
        "day": .calendarDay, "effectiveFrom": .calendarEffective, "nameZh": .categoryNameZh, "nameEn": .categoryNameEn,
        "vehiclesDelayed": .majorVehiclesDelayed, "detectedAt": .majorDetectedAt, "owner": .majorOwner, "due": .majorDue,
        "warningShare": .slaWarningShare, "reopenDays": .slaReopenDays, "autoCloseDays": .slaAutoCloseDays,
        "remindDays": .slaRemindDays, "remindLimit": .slaRemindLimit,
        // Changes
        "templateId": .chgTemplate, "plannedStart": .chgPlannedStart, "plannedEnd": .chgPlannedEnd, "ciIds": .chgFieldCIs,
        "emergencyReason": .chgFieldEmergencyReason, "plan": .chgFieldPlan, "rollbackPlan": .chgFieldRollback,
        // Lanes
        "lane": .laneLane, "plate": .lanePlate, "rfidPlate": .laneRFID, "containers": .laneContainers, "weightKg": .laneWeight,
        "releaseNote": .laneReleaseNote, "releaseStatus": .laneReleaseNote,
        // Monitoring
        "openDelaySeconds": .monSetOpenDelay, "recoveryHoldSeconds": .monSetRecoveryHold, "correlationWindowSeconds": .monSetCorrelation,
        "flapThreshold": .monSetFlapThreshold, "flapWindowSeconds": .monSetFlapWindow, "retentionDays": .monSetRetention,
    ]

    /// Attribute names of the built-in types, by key (the same key means the same thing in each type).
    static let attributes: [String: (zh: String, en: String)] = {
        var names: [String: (zh: String, en: String)] = [:]
        for type in BuiltInCITypes.all {
            for attribute in type.attributes where names[attribute.key] == nil {
                names[attribute.key] = (attribute.name(in: .zh), attribute.name(in: .en))
            }
        }
        return names
    }()

    public static func label(for key: String, in language: AppLanguage) -> String {
        if let field = CIField(rawValue: key) { return Catalog.shared.text(field.label, language) }
        if let text = fixed[key] { return Catalog.shared.text(text, language) }
        for prefix in ["attributes.", "attr."] where key.hasPrefix(prefix) {
            let attribute = String(key.dropFirst(prefix.count))
            if let names = attributes[attribute] { return language == .en ? names.en : names.zh }
            return Catalog.shared.format(.attributeNamed, language, attribute)
        }
        return key
    }
}
