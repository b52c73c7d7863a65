// Command callscope explores Microsoft Teams call records through Microsoft Graph.
package main

func main() {
	_ = defaultKeyMap()
}
