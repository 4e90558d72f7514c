/// Keys of the string catalog. Names say where a text is used; the words are in `Catalog`.
public enum TextKey: String, CaseIterable, Sendable {
    // Shell and navigation
    case appName, appShortName, navWorkbench, navServiceDesk, navIncidents, navProblems, navChanges
    case navReleases, navCMDB, navMonitoring, navDuty, navInspections, navReports, navAssessment
    case navAdmin, navUsers, navOrganizations, navAudit, navProfile, menu, logout, language
    case followBrowser, comingSoonTitle, comingSoonBody, backHome, save, create, cancel, actions, yes, no, none
    case dashboardTitle, dashboardWelcome, countUsers, countOrganizations, countLoginsToday
    case countFailedLogins24h, countAuditEntries, countActiveTokens, recentActivity, databaseKind
    case areaServiceDesk, areaIncidents, areaProblems, areaChanges, areaReleases, areaCMDB
    case areaMonitoring, areaDuty, areaInspections, areaReports, areaAssessment
    // Accounts
    case loginTitle, loginButton, username, password, displayName, role, organization
    case organizationKind, status, active, disabled, lastLogin, newUser, newOrganization
    case editUser, name, loginFailed, loggedOut, userCreated, userUpdated, organizationCreated
    case newPassword, passwordHint, tokensTitle, tokenName, tokenExpiresDays, tokenCreate
    case tokenCreatedOnce, tokenRevoke, tokenRevoked, expiresAt, createdAt, profileSaved
    case roleAdmin, roleLead, roleEngineer, roleDuty, roleSupervisor, roleCustoms, roleEnterprise
    case orgAdministration, orgProvider, orgCustoms, orgEnterprise
    case auditTitle, auditTime, auditActor, auditAddress, auditAction, auditObject, auditDetails
    case auditIntact, auditBroken, auditVerify, auditBreakAltered, auditBreakGap, auditBreakRelinked, auditBreakTruncated
    case actionLoginSuccess, actionLoginFailure, actionLogout, actionUserCreate, actionUserUpdate
    case actionOrganizationCreate, actionTokenCreate, actionTokenRevoke
    case actionCICreate, actionCIUpdate, actionCIDelete, actionRelationCreate, actionRelationDelete, actionLocationCreate, actionCITypeUpdate
    // CMDB
    case attrTooLong, attrNotInteger, attrNotNumber, attrNotDate, attrNotBoolean, attrNotIP, attrNotAChoice
    case attrRequired, attrUnknown, cameraCodeLength, cameraCodeController, cameraCodeIndustry, cameraCodeDeviceType
    case fieldType, fieldName, fieldAssetTag, fieldVendor, fieldModel, fieldSerialNumber, fieldLocation
    case fieldRackPosition, fieldIP, fieldHostname, fieldManagementProtocol, fieldOwnerGroup, fieldCriticality
    case fieldCustomsCritical, fieldStatus, fieldState, fieldFirmware, fieldPurchaseDate, fieldWarrantyEnd
    case fieldLicenceEnd, fieldCertificateEnd, fieldLastPasswordRotation, fieldLastConfigBackup, fieldNotes
    case errorUnknownCIType, errorUnknownLocation, errorAssetTagTaken, errorRelationCycle, errorRelationExists
    case errorUnknownRelationType, errorLocationInUse, errorUnknownLocationKind, errorAttributeKeyInvalid
    case errorAttributeKeyTaken, errorRelationTargetNotFound, errorRelationTargetAmbiguous
    case sparesTitle, spareReceive, spareUse, spareReturn, spareScrap, spareNewPart, sparePartModel, spareUnit, spareMinimum
    case spareTotal, spareBelowMinimum, spareMove, spareQuantity, spareKind, spareCI, spareNote, spareMoved, sparePartCreated
    case spareNotEnough, spareQuantityRange, spareHistory, spareStockByPlace, countSparesLow, sparePartTaken, spareNone
    case actionSparePartCreate, actionSpareMove, actionCredentialRead, credentialLabel, credentialHint, credentialStored, credentialShow
    case labelsTitle, printLabels, qrLabel, labelsHint, labelsNone
    case importTitle, importEmpty, importMissingColumns, importUnknownColumn, importDuplicateTag, importTooManyRows
    case importNotAWorkbook, importNotUTF8, importUnsupported, importPreviewSummary, importResultSummary, importConfirm
    case importFile, importHint, importUpload, importErrors, importRow, importColumn, importMessage, exportLedger, ledgerAttributes
    case importExpired, importNoErrors
    case expiringTitle, expiringWithin, expiringOverdue, expiringDaysLeft, expiringOverdueBy, countExpiring, countOverdue, countCIs, expiringNone, expiringWhat
    case moreFilters, cmdbTitle, newCI, editCI, searchPlaceholder, searchButton, allTypes, allStates, allStatuses, allLocations
    case resultCount, noResults, previousPage, nextPage, commonFields, typeAttributes, chooseType, switchType
    case relationsTitle, relationsOutgoing, relationsIncoming, addRelation, relationTarget, relationTargetHint, relationPort
    case relDependsOn, relConnectedTo, relHostedOn, relPartOf, relBacksUp, remove, deleteCI, deleteCIConfirm
    case impactShowing, impactTitle, impactLink, impactNone, impactSummary, historyTitle, historyInitial, expiryTitle, mobilePage
    case mobileReportFault, mobileInspect, mobileComing, ciCreated, ciUpdated, ciDeleted, relationAdded, relationRemoved
    case locationsTitle, newLocation, locationParent, locationCode, locationCreated, typesTitle, addAttribute
    case attributeKey, attributeKeyHint, attributeNameZh, attributeNameEn, attributeKindLabel, attributeOptions
    case attributeOptionsHint, attributeRequired, attributeAdded, builtIn
    case kindText, kindInteger, kindDecimal, kindDate, kindBoolean, kindIP, kindCameraCode, kindChoice
    case locSite, locBuilding, locRoom, locCheckpoint, locLane, locRack
    // System: jobs, settings, workbench by role
    case navJobs, jobsTitle, jobsHint, jobKind, jobStatus, jobRunAt, jobAttempts, jobOutcome, jobsNone
    case jobQueued, jobRunning, jobSucceeded, jobFailed, jobAuditVerify, jobImportsClean, jobPrune
    case navSettings, settingsTitle, settingsHint, settingsHotline, settingsHours, settingsEmail, settingsNote, settingsSaved
    case settingsHotlineInvalid, settingsEmailInvalid, settingsTextTooLong, actionSettingsUpdate, actionPasswordChange
    case serviceDeskTitle, serviceDeskCall, serviceDeskMail, serviceDeskHours, serviceDeskUnset, serviceDeskIntro
    case comingTitle, comingMyTickets, comingQueue, comingApprovals, comingRoster, comingAlerts, comingHotline
    case comingInspections, comingAssessment, comingMonthlyReport, comingLanes, comingVideo, comingPortal, comingOnlineReport
    case countLanes, countCameras, countCheckpoints, systemTitle, lastAuditCheck, auditCheckOK, auditCheckFailed, auditCheckNone
    // Errors
    case requestBody, mobile, currentPassword, attributeNamed, deleteCIAsk, relationRemoveAsk
    case errorTooLargeTitle, errorThrottledTitle, locationKind
    case spareNoMovements, spareUsedOnCI, importTemplate, importValue, importUnchanged, importWillCreate, labelsNoPublicURL
    case auditNone, auditAllActions, auditFrom, auditTo, auditObjectUser, auditObjectOrganization, auditObjectSession, auditObjectToken
    case auditObjectCI, auditObjectRelation, auditObjectLocation, auditObjectSpare, auditObjectCIType, auditObjectSettings
    case resubmitTitle, resubmitBody, resubmitLoginTitle, resubmitLoginBody, resubmitButton, resubmitKept
    case errorInvalidField, errorOutOfRange, errorUnauthenticated, errorNotFound, errorTooLarge, errorThrottled, errorBusy
    case errorCSRF, errorServer, errorRequestTitle, errorForbiddenTitle, errorNotFoundTitle, errorServerTitle
    case errorMalformedBody, errorUnknownRole, errorUnknownOrganizationKind, errorUnknownOrganization
    case errorUsernameTaken, errorOrganizationNameTaken, errorRoleOrganizationMismatch
    case errorTokenExpiryRange, errorNotAllowed
    case invalidMobile, passwordWrong, passwordMismatch, passwordChanged, changePassword, repeatPassword, mobileHint
    case invalidUsername, passwordTooShort, passwordTooLong, invalidDisplayName, invalidOrganizationName
    case denyRole, denyOtherOrganization, denyOwnChange, denySelfManagement, denyOutsideCustomsDomains
    // Incidents
    case actionIncidentCreate, actionIncidentAssign, actionIncidentStatus, actionIncidentUrge
    case actionIncidentNote, actionIncidentLink, actionIncidentSurvey, actionIncidentMajor
    case actionIncidentPriority, actionSLAWarning, actionSLABreach, actionHotlineCall, actionHotlineCallback
    case actionCalendarUpdate, actionSLATargetUpdate, incidentTitleRequired, incidentTitleTooLong
    case incidentDescriptionTooLong, incidentLevelRange, incidentRequesterRequired, incidentTooManyCIs
    case incidentUnknownCI, incidentUnknownCategory, incidentUnknownAssignee, incidentUnknownGroup
    case incidentActionNotAllowed, incidentAlreadyClaimed, incidentGroupNotClaimable, incidentReopenWindow
    case incidentRatingRange, incidentSurveyTooEarly, incidentAlreadyRated, incidentTextRequired
    case incidentUnknownParent, incidentParentClosed, incidentParentLoop, incidentAlreadyMajor
    case incidentNotMajor, incidentNotRequester
    case jobIncidentSLA, jobIncidentAutoClose
    case incStatusNew, incStatusAssigned, incStatusInProgress, incStatusPending, incStatusResolved
    case incStatusClosed, incChannelPortal, incChannelHotline, incChannelMobile, incChannelMonitoring
    case incChannelInspection, incChannelApi, incPendingRequester, incPendingVendor, incPendingSparePart
    case incPendingOther, incQueueAll, incQueueMine, incQueueGroup, incQueueUnassigned, incQueueBreaching
    case incQueueMajor, incTitle, incNew, incNumber, incFieldTitle, incFieldDescription, incFieldKind
    case incKindFault, incKindQuestion, incFieldImpact, incFieldUrgency, incImpact1, incImpact2, incImpact3
    case incUrgency1, incUrgency2, incUrgency3, incFieldPriority, incFieldStatus, incFieldChannel
    case incFieldCategory, incFieldBusinessSystem, incFieldRequester, incFieldRequesterPhone
    case incFieldOrganization, incFieldAssignee, incFieldGroup, incFieldCI, incFieldCIHint, incFieldCreated
    case incResponseDue, incResolveDue, incDueIn, incOverdue, incPaused, incMet, incBreached, incResponded
    case incNoneFound, incSearch, incSearchButton, incCreated, incUpdated, incWorkLog, incInternal, incPublic
    case incCIs, incChildren, incParent, incActAssign, incActClaim, incActAcknowledge, incActStart, incActPend
    case incActResolve, incActClose, incActReopen, incActSurvey, incActMajor, incActUrge, incActComment
    case incActLink, incActPriority, incActTimeline, incFieldReason, incFieldResolution
    case incFieldResolutionCode, incFieldRating, incFieldComment, incFieldBody, incFieldPublicReply
    case incFieldParent, incFieldPendingReason, incMajorBanner, incMajorTimeline, incRating, incWorkload
    case incEntryCreated, incEntryStatus, incEntryAssign, incEntryUrge, incEntrySLAWarning, incEntrySLABreach
    case incEntryLink, incEntrySurvey, incEntryMajor, incEntryTimeline, incEntryPriority, incEntryNote
    case incEntryReply, incResolvedWith, incConfirmHint, portalTitle, portalReport, portalAsk, portalMyTickets
    case portalNoTickets, portalAttachHint, hotlineTitle, hotlineLog, hotlineCaller, hotlinePhone
    case hotlineOrganization, hotlineSummary, hotlineResult, hotlineAnswered, hotlineIncident, hotlineMissed
    case hotlineLogged, hotlineToday, hotlineCallbacks, hotlineCallbackDone, hotlineCallbackNote
    case hotlineHistory, hotlineNoHistory, hotlineNoCalls, hotlineNoCallbacks, hotlineAnswerRate
    case hotlineOutsideHours, hotlineTime, navHotline, ciReportFault, liveConnected
    case actionRepairSlipSave, actionRepairSlipParts, actionRepairSlipConfirm, slipTitle, slipNumber
    case slipReportedAt, slipArrivedAt, slipRestoredAt, slipSymptom, slipDiagnosis, slipAction, slipParts
    case slipSerials, slipDowntime, slipConfirm, slipConfirmButton, slipConfirmed, slipFollowUp, slipEngineer
    case slipSignature, slipSaved, slipPartsUsed, slipOpen, slipPrint, slipTimeOrder, slipTimeInvalid
    case slipNeedsSlip, slipNoParts, slipPart, slipFrom, slipMinutes
    case rateTitle, rateIntro, rateThanks, rateUsed, rateLinkLabel
    case countMyOpen, countBreaching, countUnassigned, countCallsToday, countCallbacks, workbenchMajors
    case workbenchBreaching, workbenchOpenTickets
    case attachmentTooLarge, attachmentType, attachmentTooMany, attachments, attachmentAdd, attachmentAdded
    case attachmentFile
    case incExport, incBulkAssign, incBulkClose, incBulkDone, incBulkNone, incSavedFilters, incSaveFilter
    case incFilterName, incFilterSaved, incFilterDelete, incSelect
    case incidentTooManyFilters
    case calendarFileTooLong, calendarLineShape, calendarBadDate, calendarBadKind, calendarDuplicateDay
    case calendarTitle, calendarDays, calendarDay, calendarKind, calendarHoliday, calendarWorkday
    case calendarName, calendarEffective, calendarAddDay, calendarRemove, calendarImport, calendarImportHint
    case calendarPreview, calendarAdded, calendarChanged, calendarUnchanged, calendarConfirm, calendarImported
    case calendarSaved, calendarErrors, calendarLine, calendarFile, calendarYear, slaTargets
    case slaResponseMinutes, slaResolveHours, slaCalendar, slaCalendar5x8, slaCalendar7x24, slaTargetRange
    case slaWarningShare, slaVendorPauses, slaReopenDays, slaAutoCloseDays
    case actionMajorReportSave, actionPreventiveAction, majorReport, majorLevel, majorDetectedAt
    case majorRestoredAt, majorImpactSystems, majorImpactLanes, majorImpactCustoms, majorVehiclesDelayed
    case majorDirectCause, majorUnderlyingCause, majorEmergencyFix, majorPermanentFix, majorActions
    case majorAction, majorOwner, majorDue, majorDone, majorMarkDone, majorSaved, majorNumberRange
    case majorOverdue
    case incEntryEscalation, incEscalatedToLead
    case incEntryReminder, incReminderBody, jobIncidentRemind
    case slaRemindDays, slaRemindLimit
    case actionCategoryUpdate, categories, categoryParent, categoryTop, categoryNameZh, categoryNameEn
    case categoryAdd, categoryRename, categoryNameRequired, categorySaved, matrixTitle, matrixSaved
    // Changes
    case jobChangeMaintenance, auditObjectChange, auditObjectProblem, auditObjectRelease
    case actionChangeTemplate, chgTemplateRequired, chgTemplateWhen, chgTemplate, chgTemplates, chgMakeTemplate, chgFromTemplate, chgTemplateName
    case actionChangeCreate, actionChangeUpdate, actionChangeSubmit, actionChangeApprove, actionChangeReject, actionChangeSchedule, actionChangeImplement, actionChangeComplete
    case actionChangeReview, actionChangeLog, actionChangeDocument, actionBlackoutCreate, actionBlackoutDelete, actionCIMaintenance, chgTypeStandard, chgTypeNormal
    case chgTypeEmergency, chgTypeMajor, chgStatusDraft, chgStatusSubmitted, chgStatusApproved, chgStatusRejected, chgStatusScheduled, chgStatusImplementing
    case chgStatusCompleted, chgStatusFailed, chgStatusRolledBack, chgStatusReviewed, chgEntryCreated, chgEntryEdited, chgEntrySubmitted, chgEntryApproved
    case chgEntryRejected, chgEntryScheduled, chgEntryImplementing, chgEntryNote, chgEntryResult, chgEntryDocument, chgEntryReviewed, chgActSubmit
    case chgActApprove, chgActReject, chgActSchedule, chgActImplement, chgActComplete, chgActReview, chgActLog, chgActionNotAllowed
    case chgNotEditable, chgNotYours, chgNotApprover, chgLeadTime, chgLeadWarning, chgLeadHint, chgWindowRequired, chgEndBeforeStart
    case chgWindowTooLong, chgWindowInPast, chgWindowPassed, chgTimeInvalid, chgCIsRequired, chgTooManyCIs, chgUnknownCI, chgAmbiguousCI
    case chgEmergencyReasonRequired, chgTextTooLong, chgCommentRequired, chgDocumentRequired, chgDocumentType, chgDocumentWhen, chgUnknownImplementer, chgApproversRequired
    case chgNew, chgEdit, chgSaved, chgSearch, chgNone, chgFieldType, chgFieldCIs, chgCIsHint
    case chgPlannedStart, chgPlannedEnd, chgFieldPlan, chgFieldRollback, chgFieldRisk, chgFieldTests, chgFieldEmergencyReason, chgEmergencyHint
    case chgEmergencyFlag, chgWindow, chgActual, chgSubmittedAt, chgDecidedBy, chgImplementer, chgResult, chgReview
    case chgRejectReason, chgRaisedBy, chgHistory, chgPrint, chgPreApproved, chgImpacted, chgWindows, chgWindowOpen
    case chgDocument, chgDocumentHint, chgDocumentNeeded, chgDocumentUpload, chgCollision, chgCollisionShort, chgInBlackout, chgBlackoutShort
    case chgCalendar, chgCalendarLegend, chgFeed, chgMonth, chgWeek, chgPreviousMonth, chgNextMonth, chgPreviousWeek, chgNextWeek, chgContinued, chgMon
    case chgTue, chgWed, chgThu, chgFri, chgSat, chgSun, chgBlackouts, chgBlackoutNew
    case chgBlackoutHint, chgRules, chgLeadDays, chgLeadDaysHint, chgApprovers, chgStandardHint, chgSheetTitle, chgSignApplicant
    case chgSignAdministration
    // Problems
    case actionProblemCreate, actionProblemLink, actionProblemUpdate, actionProblemClose, actionRecurrenceUpdate, actionChangeFollowUp, prbStatusOpen, prbStatusClosed
    case prbNew, prbNone, prbSearch, prbKnownError, prbKnownErrors, prbRecurrence, prbRecurrenceHint, prbNoRecurrence
    case prbDays, prbMinimum, prbSaveRule, prbByCI, prbByCategory, prbCovered, prbOpenFrom, prbIncidentCount
    case prbTotal, prbIncidents, prbIncidentsHint, prbRootCause, prbWorkaround, prbClosedBy, prbDecision, prbCloseChange
    case prbCloseHint, prbLinkIncident, prbLinked, prbSuggested, prbActLink, prbActLinkHere, prbActInvestigate, prbActClose
    case prbEntryCreated, prbEntryLinked, prbEntryNote, prbEntryAnalysis, prbEntryClosed, prbEntryKnownError, prbEntryNotKnownError, prbEntryOnIncident
    case prbAlreadyLinked, prbTooManyLinks, prbUnknownIncident, prbUnknownChange, prbChangeNotDone, prbCloseNeeds, prbClosed, prbKnownErrorNeeds
    case chgActFollowUp, chgFollowUpHint, chgFollowUpTitle, chgFollowUpDone, chgFollowUpWhen, chgEntryFollowUp
    // Releases
    case actionReleaseCreate, actionReleaseDeploy, actionReleaseRollback, relKindSoftware, relKindFirmware, relNew, relNone, relSearch
    case relKind, relVersion, relRollbackVersion, relDeployedTo, relNameHint, relChanges, relChangesHint, relNotes
    case relDeployTo, relDeploy, relDeployments, relRollback, relRolledBack, relDeployed, relNameRequired, relVersionRequired
    case relAlreadyOnVersion, relNotDeployed, relVersionHistory
    // Monitoring
    case actionCIState, actionAlertAcknowledge, actionAlertMap, actionSilenceCreate, actionSilenceEnd, actionProbeUpdate
    case monTooLong, monRequired, monSeverityUnknown, monSilenceScope, monSilenceMode, monSilenceOver
    case monAlreadyAcknowledged, monAlreadyMatched, monNothingToMap, monPeriodOrder, monBadTime, monTimeOutOfRange
    case monNotJSON, monTooMany, monAlertmanagerBody
    case monConsole, monSilences, monBoardMachineRoom, monBoardNetwork, monBoardVideo, monBoardLanes, monBoardSystems
    case monSevCritical, monSevMajor, monSevMinor, monSevWarning, monSevInfo, monSevOk, monCounts, monStatusOpen, monStatusFiring
    case monStatusRecovered, monStatusClosed, monSeverity, monUnmatched, monSearch, monNoAlerts, monSubject, monCheck, monSummary
    case monCount, monSeen, monTotal, monInMaintenance, monSilencedIncident, monSilencedNotify, monFlapping, monAcknowledgedBy
    case monAttached, monAcknowledge, monMap, monMapHint, monMapped, monWall, monFullScreen, monBoardTotal, monBoardEmpty, monOnline
    case monNoSilences, monAnyCI, monAnyCheck, monUntil, monEndSilence, monNewSilence, monSilenceModeLabel, monHours, monReason
    case monSilenceSaved, monAvailability, monAvailabilityWeek, monAvailabilityMonth, monDowntime, monOpenAlerts, monStateHistory
    case monNoStates, monProbePath, monProbeStatus, monProbeNumber, monProbeSNMPCheck, monProbeOID, monProbeKind, monProbeTarget
    case monProbeTimeout, monProbeConfig, monProbeSaved, monProbesAdded, monProbes, monProbeNone, monProbeDefaults, monProbeAdd
    case monProbeKindLabel, monProbeTargetLabel, monProbePort, monProbeInterval, monProbeRetries, monProbeConfigLabel, monProbeConfigHint
    case monProbeRemove, monEvery, actionRuleUpdate, monRuleKind, monRulePattern, monRules, monRulesHint, monNoRules, monNewRule
    case monRuleName, monRulePatternLabel, monRulePatternHint, monRuleSaved, auditObjectAlert, auditObjectMonitoringSettings
    case jobMonitoringPrune
    case monSettings, monSettingsHint, monSettingsSaved, monSetOpenDelay, monSetRecoveryHold, monSetAutoResolve, monSetCorrelation
    case monSetFlapThreshold, monSetFlapWindow, monSetRetention
    case simTitle, simHint, simStart, simClear, simRunning, simIdle, simStarted, simCleared, simUnavailable, simUnknown, simTargets
    case laneStatusApplied, laneStatusApproved, laneStatusPassed, laneStatusGate1, laneStatusGate2, laneStatusDeleted, laneStatusVoided, laneSeqRange
    case laneTimeOutOfRange, laneTimeOrder, laneTooManyContainers, laneContainerNumber, laneWeightRange, laneStatusCode, laneManualReason, laneTooMany
    case laneUnknown, laneNotJSON, laneTitle, laneHint, lanePeriod, laneDays, laneLane, laneManualOnly
    case laneKPIsOf, lanePasses, lanePlateRate, laneRFIDRate, laneContainerRate, laneManualRate, laneAverageTime, laneAvailability
    case laneAll, laneRecent, laneNoPasses, laneTime, lanePlate, laneRFID, laneContainers, laneWeight
    case laneReleaseNote, laneRelease, laneDuration, laneSeconds, laneNotRead, laneManual, laneAutomatic, simLaneRate, laneManualRelease
    // Duty
    case actionRosterSave, actionRosterGenerate, actionShiftSave, actionShiftDelete, actionSwapRequest, actionSwapDecide, actionFeedCreate, dutyKindOnsite
    case dutyKindHotline, dutyKindLane, dutyKindOnsiteHint, dutyKindHotlineHint, dutyKindLaneHint, dutyOriginRotation, dutyOriginManual, dutyOriginSwap
    case dutyOriginOverride, dutySwapKindSwap, dutySwapKindOverride, dutySwapPending, dutySwapApproved, dutySwapRejected, dutySwapCancelled, dutyShiftHoursChoice
    case dutyLaneNeedsEnd, dutyBadTime, dutyEndBeforeStart, dutyRangeTooLong, dutyNoParticipants, dutyTooManyParticipants, dutyDuplicateParticipant, dutyStaffingRange
    case dutyRotateRange, dutyShiftTooLong, dutyShiftOutOfRange, dutyOverlap, dutyNameRequired, dutyNameTaken, dutyUnknownPerson, dutyGenerateRange
    case dutyShiftPast, dutySwapOwn, dutySwapSame, dutySwapDecided, dutySwapStale, dutySwapFlag, dutyOtherShiftRequired, dutyTitle
    case dutyNow, dutyNobody, dutyUntil, dutyNext, dutyMine, dutyMineNone, dutyGaps, dutyGapsNone
    case dutyGapWarning, dutyRosters, dutyRostersNone, dutyNewRoster, dutyEditRoster, dutyKind, dutyFrom, dutyUntilField
    case dutyUntilHint, dutyShiftHours, dutyHandoff, dutyHandoffHint, dutyParticipants, dutyParticipantsHint, dutyStaffing, dutyRotateEvery
    case dutyGenerate, dutyGenerateHint, dutyGenerated, dutyDays, dutyWeekOf, dutyPrevWeek, dutyNextWeek, dutyShift
    case dutyPerson, dutyStart, dutyEnd, dutyOrigin, dutyNote, dutyAddShift, dutyEditShift, dutyDeleteShift
    case dutyNoShifts, dutySaved, dutySwaps, dutySwapsNone, dutyRequestSwap, dutySwapWith, dutyOtherShift, dutyReason
    case dutyApprove, dutyReject, dutyRequested, dutySwapLine, dutyFeed, dutyFeedHint, dutyFeedMake, dutyFeedMade
    case dutyFeedSummary, dutySuggested, dutyFlagged, dutyCalendarName
}
