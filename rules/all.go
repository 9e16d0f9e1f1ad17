package rules

import "sync"

var (
	allOnce sync.Once
	all     []*Rule
)

// All returns every rule, in the order they are documented.
func All() []*Rule {
	allOnce.Do(func() {
		all = []*Rule{
			yamlSyntax,
			composeSchema,
			composeConsistency,
			composeFile,
			envFileMissing,
			interpolationSyntax,
			envSyntax,
			duplicateEnvKey,
			envQuoting,
			interpolationQuotes,
			envKeyCharacters,
			envKeysConsistent,
			envKeyCase,
			envTrailingWhitespace,
			envFinalNewline,
			envExportPrefix,
			unsetVariable,
			unusedEnvKey,
			loopbackTarget,
			unsharedNetwork,
			unknownHost,
			publishedPortInside,
			hostNetwork,
			hardcodedContainerIP,
			dependsOnUnhealthy,
			healthcheckTestForm,
			duplicateHostPort,
			healthcheckIPv6Localhost,
			hostGatewayMissing,
			loopbackBind,
			browserInternalHost,
			browserRuntimeOnly,
			advertisedLoopback,
			duplicateContainerName,
			invalidContainerName,
			restartPolicy,
			yaml11Scalar,
			obsoleteVersion,
			unboundPortInterface,
			imageExplicitTag,
			requireProjectName,
			topLevelOrder,
			servicesAlphabeticalOrder,
			serviceKeysOrder,
			dependsOnAlphabeticalOrder,
			portsAlphabeticalOrder,
			portsQuotes,
			volumesNoQuotes,
			goAnalyzer,
			goLoad,
			jsHardcodedLocalhost,
		}
		all = append(all, suppressionRules()...)
	})
	return all
}
