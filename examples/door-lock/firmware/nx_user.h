/* nx_user.h of the door-lock firmware (NetX Duo user configuration). */
#ifndef NX_USER_H
#define NX_USER_H

/* Required by the Azure IoT middleware and its security module. */
#define NX_ENABLE_IP_PACKET_FILTER
#define NX_ENABLE_EXTENDED_NOTIFY_SUPPORT
#define NX_SECURE_ENABLE
#define NXD_MQTT_CLOUD_ENABLE

/* IPv6 stays on: the lock also talks CoAP to the local gateway. */
/* #define NX_DISABLE_IPV6 */

#endif /* NX_USER_H */
