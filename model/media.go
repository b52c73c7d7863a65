package model

// MediaStream carries every quality field of a stream. Pointers distinguish
// "not reported" from zero: the FAQ says fields can stay empty by design.
type MediaStream struct {
	StreamID                                 string    `json:"streamId,omitempty"`
	StreamDirection                          string    `json:"streamDirection,omitempty"`
	StartDateTime                            Time      `json:"startDateTime"`
	EndDateTime                              Time      `json:"endDateTime"`
	AudioCodec                               string    `json:"audioCodec,omitempty"`
	VideoCodec                               string    `json:"videoCodec,omitempty"`
	AverageAudioDegradation                  *float64  `json:"averageAudioDegradation,omitempty"`
	AverageAudioNetworkJitter                *Duration `json:"averageAudioNetworkJitter,omitempty"`
	MaxAudioNetworkJitter                    *Duration `json:"maxAudioNetworkJitter,omitempty"`
	AverageJitter                            *Duration `json:"averageJitter,omitempty"`
	MaxJitter                                *Duration `json:"maxJitter,omitempty"`
	AverageRoundTripTime                     *Duration `json:"averageRoundTripTime,omitempty"`
	MaxRoundTripTime                         *Duration `json:"maxRoundTripTime,omitempty"`
	AveragePacketLossRate                    *float64  `json:"averagePacketLossRate,omitempty"`
	MaxPacketLossRate                        *float64  `json:"maxPacketLossRate,omitempty"`
	AverageRatioOfConcealedSamples           *float64  `json:"averageRatioOfConcealedSamples,omitempty"`
	MaxRatioOfConcealedSamples               *float64  `json:"maxRatioOfConcealedSamples,omitempty"`
	PacketUtilization                        *int64    `json:"packetUtilization,omitempty"`
	AverageBandwidthEstimate                 *int64    `json:"averageBandwidthEstimate,omitempty"`
	WasMediaBypassed                         *bool     `json:"wasMediaBypassed,omitempty"`
	IsAudioForwardErrorCorrectionUsed        *bool     `json:"isAudioForwardErrorCorrectionUsed,omitempty"`
	PostForwardErrorCorrectionPacketLossRate *float64  `json:"postForwardErrorCorrectionPacketLossRate,omitempty"`
	AverageVideoFrameLossPercentage          *float64  `json:"averageVideoFrameLossPercentage,omitempty"`
	AverageVideoFrameRate                    *float64  `json:"averageVideoFrameRate,omitempty"`
	AverageReceivedFrameRate                 *float64  `json:"averageReceivedFrameRate,omitempty"`
	AverageVideoPacketLossRate               *float64  `json:"averageVideoPacketLossRate,omitempty"`
	LowFrameRateRatio                        *float64  `json:"lowFrameRateRatio,omitempty"`
	LowVideoProcessingCapabilityRatio        *float64  `json:"lowVideoProcessingCapabilityRatio,omitempty"`
	AverageFreezeDuration                    *Duration `json:"averageFreezeDuration,omitempty"`
	RmsFreezeDuration                        *Duration `json:"rmsFreezeDuration,omitempty"`
}

// NetworkInfo describes one side's network.
type NetworkInfo struct {
	IPAddress                  string          `json:"ipAddress,omitempty"`
	Subnet                     string          `json:"subnet,omitempty"`
	ReflexiveIPAddress         string          `json:"reflexiveIPAddress,omitempty"`
	RelayIPAddress             string          `json:"relayIPAddress,omitempty"`
	RelayPort                  *int32          `json:"relayPort,omitempty"`
	Port                       *int32          `json:"port,omitempty"`
	LinkSpeed                  *int64          `json:"linkSpeed,omitempty"`
	MacAddress                 string          `json:"macAddress,omitempty"`
	DNSSuffix                  string          `json:"dnsSuffix,omitempty"`
	ConnectionType             string          `json:"connectionType,omitempty"`
	NetworkTransportProtocol   string          `json:"networkTransportProtocol,omitempty"`
	BandwidthLowEventRatio     *float64        `json:"bandwidthLowEventRatio,omitempty"`
	DelayEventRatio            *float64        `json:"delayEventRatio,omitempty"`
	ReceivedQualityEventRatio  *float64        `json:"receivedQualityEventRatio,omitempty"`
	SentQualityEventRatio      *float64        `json:"sentQualityEventRatio,omitempty"`
	BasicServiceSetIdentifier  string          `json:"basicServiceSetIdentifier,omitempty"`
	WifiBand                   string          `json:"wifiBand,omitempty"`
	WifiRadioType              string          `json:"wifiRadioType,omitempty"`
	WifiChannel                *int32          `json:"wifiChannel,omitempty"`
	WifiSignalStrength         *int32          `json:"wifiSignalStrength,omitempty"`
	WifiBatteryCharge          *int32          `json:"wifiBatteryCharge,omitempty"`
	WifiMicrosoftDriver        string          `json:"wifiMicrosoftDriver,omitempty"`
	WifiMicrosoftDriverVersion string          `json:"wifiMicrosoftDriverVersion,omitempty"`
	WifiVendorDriver           string          `json:"wifiVendorDriver,omitempty"`
	WifiVendorDriverVersion    string          `json:"wifiVendorDriverVersion,omitempty"`
	TraceRouteHops             []TraceRouteHop `json:"traceRouteHops,omitempty"`
}

// TraceRouteHop is one hop; empty unless Microsoft support enabled it.
type TraceRouteHop struct {
	HopCount      *int32    `json:"hopCount,omitempty"`
	IPAddress     string    `json:"ipAddress,omitempty"`
	RoundTripTime *Duration `json:"roundTripTime,omitempty"`
}

// DeviceInfo describes one side's audio devices. CPUInsufficentEventRatio
// keeps the schema's spelling.
type DeviceInfo struct {
	CaptureDeviceName                string   `json:"captureDeviceName,omitempty"`
	CaptureDeviceDriver              string   `json:"captureDeviceDriver,omitempty"`
	RenderDeviceName                 string   `json:"renderDeviceName,omitempty"`
	RenderDeviceDriver               string   `json:"renderDeviceDriver,omitempty"`
	CaptureNotFunctioningEventRatio  *float64 `json:"captureNotFunctioningEventRatio,omitempty"`
	RenderNotFunctioningEventRatio   *float64 `json:"renderNotFunctioningEventRatio,omitempty"`
	CPUInsufficentEventRatio         *float64 `json:"cpuInsufficentEventRatio,omitempty"`
	DeviceClippingEventRatio         *float64 `json:"deviceClippingEventRatio,omitempty"`
	DeviceGlitchEventRatio           *float64 `json:"deviceGlitchEventRatio,omitempty"`
	LowSpeechLevelEventRatio         *float64 `json:"lowSpeechLevelEventRatio,omitempty"`
	LowSpeechToNoiseEventRatio       *float64 `json:"lowSpeechToNoiseEventRatio,omitempty"`
	RenderMuteEventRatio             *float64 `json:"renderMuteEventRatio,omitempty"`
	RenderZeroVolumeEventRatio       *float64 `json:"renderZeroVolumeEventRatio,omitempty"`
	MicGlitchRate                    *float64 `json:"micGlitchRate,omitempty"`
	SpeakerGlitchRate                *float64 `json:"speakerGlitchRate,omitempty"`
	HowlingEventCount                *int32   `json:"howlingEventCount,omitempty"`
	InitialSignalLevelRootMeanSquare *float64 `json:"initialSignalLevelRootMeanSquare,omitempty"`
	ReceivedSignalLevel              *int32   `json:"receivedSignalLevel,omitempty"`
	ReceivedNoiseLevel               *int32   `json:"receivedNoiseLevel,omitempty"`
	SentSignalLevel                  *int32   `json:"sentSignalLevel,omitempty"`
	SentNoiseLevel                   *int32   `json:"sentNoiseLevel,omitempty"`
}
