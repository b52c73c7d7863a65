package graphclient

import (
	"fmt"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
)

// Cloud is a Microsoft Graph national cloud: its service root and the
// Entra authority azidentity signs in against (graph-api.md §5).
type Cloud struct {
	Name        string
	ServiceRoot string
	Auth        cloud.Configuration
}

// Scope is the app-only token scope: the Graph root's host plus /.default.
func (c Cloud) Scope() string {
	return strings.TrimSuffix(c.ServiceRoot, "/v1.0") + "/.default"
}

// Clouds lists the national clouds by their --cloud names.
var Clouds = []Cloud{
	{"global", "https://graph.microsoft.com/v1.0", cloud.AzurePublic},
	{"usgov", "https://graph.microsoft.us/v1.0", cloud.AzureGovernment},
	{"usgovdod", "https://dod-graph.microsoft.us/v1.0", cloud.AzureGovernment},
	{"china", "https://microsoftgraph.chinacloudapi.cn/v1.0", cloud.AzureChina},
}

// CloudByName finds a cloud by its --cloud name ("" means global).
func CloudByName(name string) (Cloud, error) {
	if name == "" {
		name = "global"
	}
	names := make([]string, 0, len(Clouds))
	for _, c := range Clouds {
		if strings.EqualFold(c.Name, name) {
			return c, nil
		}
		names = append(names, c.Name)
	}
	return Cloud{}, fmt.Errorf("unknown cloud %q: use one of %s", name, strings.Join(names, ", "))
}
